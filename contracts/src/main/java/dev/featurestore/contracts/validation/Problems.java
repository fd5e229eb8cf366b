package dev.featurestore.contracts.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects validation errors in the order they are found.
 */
final class Problems {
    private final List<ValidationError> errors = new ArrayList<>();
    private final boolean checksBounds;

    Problems() {
        this(true);
    }

    /**
     * @param checksBounds whether the bounds of {@link Limits} are checked (new writes), or not (definitions stored
     *     before them, which must still read and resolve)
     */
    Problems(boolean checksBounds) {
        this.checksBounds = checksBounds;
    }

    boolean checksBounds() {
        return checksBounds;
    }

    void add(String path, String message) {
        errors.add(new ValidationError(path, message));
    }

    List<ValidationError> errors() {
        return List.copyOf(errors);
    }
}
