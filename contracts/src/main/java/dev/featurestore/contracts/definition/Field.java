package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A feature of a view, or a field of a request source.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Field(String name, ValueType dtype, @Nullable String description, @Nullable Map<String, String> tags) {
    public Field {
        requireNonNull(name, "name is null");
        requireNonNull(dtype, "dtype is null");
        tags = Copies.mapOrNull(tags);
    }

    public Field(String name, ValueType dtype) {
        this(name, dtype, null, null);
    }
}
