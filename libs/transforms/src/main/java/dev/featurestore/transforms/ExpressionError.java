package dev.featurestore.transforms;

import static java.util.Objects.requireNonNull;

/**
 * A problem with one feature's expression: a compile error (unknown source or field, syntax, a
 * result type that does not match the feature's dtype) or, at evaluation, a runtime error on one row.
 *
 * @param feature the feature (schema field) whose expression has the problem
 * @param message what is wrong, with the position in the expression when CEL gives one
 *                ({@code undeclared reference to 'ride_request.distnce_km' at column 1 (...)})
 */
public record ExpressionError(String feature, String message) {
    public ExpressionError {
        requireNonNull(feature, "feature is null");
        requireNonNull(message, "message is null");
    }

    /**
     * The error as one line for people and problem details.
     *
     * @return {@code quote: undeclared reference to 'ride_request.distnce_km' at column 1}
     */
    public String describe() {
        return "%s: %s".formatted(feature, message);
    }
}
