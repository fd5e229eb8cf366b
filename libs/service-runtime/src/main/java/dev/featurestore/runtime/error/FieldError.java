package dev.featurestore.runtime.error;

import static java.util.Objects.requireNonNull;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One bad field or object of a request: {@code path} names it the way the client wrote it
 * (e.g. {@code feature_views.driver_hourly.ttl} or {@code project}), {@code message} says what is wrong.
 */
@Serdeable
public record FieldError(String path, String message) {
    public FieldError {
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
    }
}
