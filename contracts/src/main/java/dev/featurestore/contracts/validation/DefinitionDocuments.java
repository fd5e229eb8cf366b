package dev.featurestore.contracts.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.Project;
import dev.featurestore.contracts.json.ContractsJson;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Entry points: parse and validate a definition document, or validate one built in code.
 *
 * <pre>{@code
 * DefinitionParseResult result = DefinitionDocuments.parse(json);
 * if (!result.isValid()) {
 *     return badRequest(result.messages());   // every problem, as "path: message"
 * }
 * DefinitionDocument document = result.document();
 * }</pre>
 */
public final class DefinitionDocuments {
    private static final JsonFactory STRICT_JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private DefinitionDocuments() {
    }

    public static DefinitionParseResult parse(String json) {
        return parse(json, ExistingObjects.none());
    }

    /**
     * Parses and validates a document whose references may also point at existing objects.
     *
     * @param json the document
     * @param existing objects already in the registry
     * @return the document, or every problem found
     */
    public static DefinitionParseResult parse(String json, ExistingObjects existing) {
        requireNonNull(json, "json is null");
        requireNonNull(existing, "existing is null");
        if (json.isBlank()) {
            return DefinitionParseResult.invalid(List.of(new ValidationError(Paths.DOCUMENT, "invalid JSON: the document is empty")));
        }
        JsonNode tree;
        try {
            rejectDuplicateKeys(json);
            tree = ContractsJson.mapper().readValue(json.getBytes(StandardCharsets.UTF_8), Argument.of(JsonNode.class));
        }
        catch (IOException | RuntimeException e) {
            return DefinitionParseResult.invalid(List.of(new ValidationError(Paths.DOCUMENT, invalidJsonMessage(e))));
        }
        if (tree == null) {
            return DefinitionParseResult.invalid(List.of(new ValidationError(Paths.DOCUMENT, "invalid JSON: the document is empty")));
        }
        return parse(tree, existing);
    }

    /**
     * Validates and binds a document already read into a tree (e.g. from YAML).
     *
     * @param tree the document
     * @param existing objects already in the registry
     * @return the document, or every problem found
     */
    public static DefinitionParseResult parse(JsonNode tree, ExistingObjects existing) {
        requireNonNull(tree, "tree is null");
        requireNonNull(existing, "existing is null");
        List<ValidationError> errors = DefinitionValidator.validate(tree, existing);
        if (!errors.isEmpty()) {
            return DefinitionParseResult.invalid(errors);
        }
        try {
            return DefinitionParseResult.valid(ContractsJson.mapper().readValueFromTree(tree, DefinitionDocument.class));
        }
        catch (IOException | RuntimeException e) {
            // The validator accepted something the records do not: a bug, but still an answer, not an exception.
            return DefinitionParseResult.invalid(List.of(new ValidationError(Paths.DOCUMENT, "could not be read: " + firstLine(e.getMessage()))));
        }
    }

    public static List<ValidationError> validate(DefinitionDocument document) {
        return validate(document, ExistingObjects.none());
    }

    /**
     * Validates a document built in code with the same rules as {@link #parse(String)}.
     *
     * @param document the document
     * @param existing objects already in the registry
     * @return every problem, empty when valid
     */
    public static List<ValidationError> validate(DefinitionDocument document, ExistingObjects existing) {
        requireNonNull(document, "document is null");
        requireNonNull(existing, "existing is null");
        return DefinitionValidator.validate(toTree(document), existing);
    }

    /**
     * Validates definitions as they were stored, without the bounds of {@link Limits} (names, text, list sizes and
     * durations), which apply to new writes only: what was stored before them must still resolve.
     *
     * @param document the stored definitions
     * @return every other problem, empty when valid
     */
    public static List<ValidationError> validateStored(DefinitionDocument document) {
        requireNonNull(document, "document is null");
        return DefinitionValidator.validate(toTree(document), ExistingObjects.none(), false);
    }

    /**
     * Validates a project ({@code POST /v1/projects}).
     *
     * @param project the project
     * @return every problem, empty when valid
     */
    public static List<ValidationError> validate(Project project) {
        requireNonNull(project, "project is null");
        Problems problems = new Problems();
        try {
            DefinitionShapes.PROJECT.check(ContractsJson.mapper().writeValueToTree(project), "", problems);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems.errors();
    }

    public static JsonNode toTree(DefinitionDocument document) {
        try {
            return ContractsJson.mapper().writeValueToTree(requireNonNull(document, "document is null"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toJson(DefinitionDocument document) {
        try {
            return ContractsJson.mapper().writeValueAsString(requireNonNull(document, "document is null"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the text once with duplicate detection: a tree would silently keep the last of two
     * equal keys, and with it drop half of a document.
     */
    private static void rejectDuplicateKeys(String json) throws IOException {
        try (JsonParser parser = STRICT_JSON.createParser(json)) {
            while (parser.nextToken() != null) {
                // every token, so that nested objects are checked too
            }
        }
    }

    private static String invalidJsonMessage(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
                JsonLocation location = json.getLocation();
                return "invalid JSON at line %d, column %d: %s".formatted(location.getLineNr(), location.getColumnNr(), firstLine(json.getOriginalMessage()).replaceAll("\\[Source: .*?; line", "[line"));
            }
        }
        return "invalid JSON: " + firstLine(exception.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
