package dev.featurestore.cli.config;

import static java.util.Objects.requireNonNull;

/**
 * A resolved value and where it came from ({@code --project}, {@code FEATURESTORE_PROJECT},
 * {@code featurestore.yaml}, the endpoints file, the default), for {@code featurestore config} and for messages.
 */
public record Setting<T>(T value, String origin) {
    public Setting {
        requireNonNull(value, "value is null");
        requireNonNull(origin, "origin is null");
    }
}
