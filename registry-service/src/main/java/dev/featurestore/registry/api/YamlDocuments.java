package dev.featurestore.registry.api;

import dev.featurestore.contracts.json.ContractsJson;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a definition document written as YAML into the same JSON text a JSON body would be, so
 * both are validated by the same rules and report the same paths. Plain YAML only: no custom
 * tags, duplicate keys refused (as in JSON), few aliases (no alias bombs).
 *
 * <p>A stream of several YAML documents ({@code ---} between them, as a feature repository's files
 * concatenated in path order) is one definition document: each must be a mapping, and the lists under
 * the same key are joined in stream order (so {@code feature_views[3]} counts across the documents);
 * any other value may appear in one document only. Empty documents (comments only) are skipped.
 */
final class YamlDocuments {
    static final String DOCUMENT_PATH = "document";

    private YamlDocuments() {
    }

    static String toJson(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        List<Object> documents = new ArrayList<>();
        try {
            for (Object document : new Yaml(new SafeConstructor(options)).loadAll(yaml)) {
                if (document != null) {
                    documents.add(document);
                }
            }
        }
        catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : " at line %d, column %d".formatted(mark.getLine() + 1, mark.getColumn() + 1);
            throw invalid("invalid YAML%s: %s".formatted(where, e.getProblem()), e);
        }
        catch (YAMLException e) {
            throw invalid("invalid YAML: " + e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
        if (documents.isEmpty()) {
            throw invalid("invalid YAML: the document is empty", null);
        }
        Object tree = documents.size() == 1 ? documents.get(0) : merge(documents);
        try {
            return ContractsJson.mapper().writeValueAsString(plain(tree));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of a stream as one: lists under the same key joined in order. */
    private static Map<String, Object> merge(List<Object> documents) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (int index = 0; index < documents.size(); index++) {
            int number = index + 1;
            if (!(documents.get(index) instanceof Map<?, ?> document)) {
                throw invalid("invalid YAML: document %d of the stream is not a mapping (every document of a stream holds sections such as feature_views)"
                        .formatted(number), null);
            }
            for (Map.Entry<?, ?> entry : document.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object earlier = merged.get(key);
                if (earlier == null && !merged.containsKey(key)) {
                    merged.put(key, entry.getValue() instanceof List<?> list ? new ArrayList<Object>(list) : entry.getValue());
                }
                else if (earlier instanceof List<?> && entry.getValue() instanceof List<?> list) {
                    @SuppressWarnings("unchecked")
                    List<Object> joined = (List<Object>) earlier;
                    joined.addAll(list);
                }
                else {
                    throw invalid("invalid YAML: '%s' appears again in document %d of the stream (only lists are joined across documents)"
                            .formatted(key, number), null);
                }
            }
        }
        return merged;
    }

    /** YAML values as JSON values: keys as strings, timestamps as RFC 3339 strings. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, item) -> result.put(String.valueOf(key), plain(item)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(item -> result.add(plain(item)));
            return result;
        }
        if (value instanceof Date date) {
            return DateTimeFormatter.ISO_INSTANT.format(date.toInstant());
        }
        if (value instanceof byte[]) {
            throw invalid("invalid YAML: binary values are not part of a definition document", null);
        }
        return value;
    }

    private static FeatureStoreException invalid(String message, Throwable cause) {
        return new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED, "Invalid definition document: " + message,
                List.of(new FieldError(DOCUMENT_PATH, message)), cause);
    }
}
