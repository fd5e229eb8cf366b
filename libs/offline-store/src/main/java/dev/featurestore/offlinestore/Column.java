package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;

/** A named, typed, nullable column. */
public record Column(String name, ValueType type) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
    }
}
