package dev.featurestore.contracts.validation;

import io.micronaut.serde.annotation.Serdeable;

import static java.util.Objects.requireNonNull;

/**
 * One problem of a definition: where ({@code feature_views[2].schema[0].dtype}) and what.
 */
@Serdeable
public record ValidationError(String path, String message) {
    public ValidationError {
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
    }

    /**
     * The problem as one line.
     *
     * @return {@code path: message}
     */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
