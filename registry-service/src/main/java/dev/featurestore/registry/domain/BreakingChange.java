package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

/**
 * A change the evolution rules call breaking.
 *
 * @param path the changed field from the document's root, such as
 *             {@code feature_views.driver_hourly.schema.trips_today.dtype}
 * @param message what changed and why it breaks, such as {@code INT32 -> INT64: dtype changed}
 */
public record BreakingChange(String path, String message) {
    public BreakingChange {
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
