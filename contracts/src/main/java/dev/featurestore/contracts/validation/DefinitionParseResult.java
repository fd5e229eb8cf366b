package dev.featurestore.contracts.validation;

import dev.featurestore.contracts.definition.DefinitionDocument;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Either a valid document or every problem found in it.
 */
public final class DefinitionParseResult {
    private final DefinitionDocument document;
    private final List<ValidationError> errors;

    private DefinitionParseResult(DefinitionDocument document, List<ValidationError> errors) {
        this.document = document;
        this.errors = List.copyOf(errors);
    }

    static DefinitionParseResult valid(DefinitionDocument document) {
        return new DefinitionParseResult(requireNonNull(document, "document is null"), List.of());
    }

    static DefinitionParseResult invalid(List<ValidationError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one error");
        }
        return new DefinitionParseResult(null, errors);
    }

    public boolean isValid() {
        return document != null;
    }

    /**
     * The document.
     *
     * @return the valid document
     * @throws InvalidDefinitionException with every error when the document is not valid
     */
    public DefinitionDocument document() {
        if (document == null) {
            throw new InvalidDefinitionException(errors);
        }
        return document;
    }

    /**
     * Every problem, in document order; empty when valid.
     *
     * @return the errors
     */
    public List<ValidationError> errors() {
        return errors;
    }

    /**
     * Every problem as {@code path: message}.
     *
     * @return one line per problem
     */
    public List<String> messages() {
        return errors.stream().map(ValidationError::toString).toList();
    }

    @Override
    public String toString() {
        return isValid() ? "valid" : String.join("\n", messages());
    }
}
