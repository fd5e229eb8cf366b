package dev.featurestore.contracts.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects validation errors in the order they are found.
 */
final class Problems {
    private final List<ValidationError> errors = new ArrayList<>();

    void add(String path, String message) {
        errors.add(new ValidationError(path, message));
    }

    List<ValidationError> errors() {
        return List.copyOf(errors);
    }
}
