package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;

/**
 * One feature read from a view's source files.
 *
 * @param sourceColumn its column in the files (through {@code field_mapping})
 * @param feature the feature's name in the view
 * @param type the feature's declared type; file values are converted to it
 */
public record FeatureColumn(String sourceColumn, String feature, ValueType type) {
    public FeatureColumn {
        requireNonNull(sourceColumn, "sourceColumn is null");
        requireNonNull(feature, "feature is null");
        requireNonNull(type, "type is null");
    }
}
