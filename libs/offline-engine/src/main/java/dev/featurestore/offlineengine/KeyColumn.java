package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;

/**
 * One join key of a feature view.
 *
 * @param entityColumn the key's column in the entity rows (the join key's name)
 * @param sourceColumn the key's column in the view's source files (through {@code field_mapping})
 * @param type the join key's declared value type
 */
public record KeyColumn(String entityColumn, String sourceColumn, ValueType type) {
    public KeyColumn {
        requireNonNull(entityColumn, "entityColumn is null");
        requireNonNull(sourceColumn, "sourceColumn is null");
        requireNonNull(type, "type is null");
    }
}
