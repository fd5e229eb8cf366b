package dev.featurestore.contracts.validation;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A definition with validation errors was used as if it were valid.
 */
public class InvalidDefinitionException extends RuntimeException {
    private final List<ValidationError> errors;

    public InvalidDefinitionException(List<ValidationError> errors) {
        super(message(errors));
        this.errors = List.copyOf(errors);
    }

    private static String message(List<ValidationError> errors) {
        requireNonNull(errors, "errors is null");
        return "invalid definition (%d %s): %s".formatted(errors.size(), errors.size() == 1 ? "problem" : "problems",
                errors.stream().map(ValidationError::toString).collect(Collectors.joining("; ")));
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
