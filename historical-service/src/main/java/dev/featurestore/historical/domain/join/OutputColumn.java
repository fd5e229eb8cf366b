package dev.featurestore.historical.domain.join;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;

/**
 * A column of the training set.
 *
 * @param name the output name ({@code feature} or, with full feature names, {@code view__feature})
 * @param type its type
 * @param origin where its values come from
 */
public record OutputColumn(String name, ValueType type, ValueOrigin origin) {
    public OutputColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(origin, "origin is null");
    }

    public Column column() {
        return new Column(name, type);
    }
}
