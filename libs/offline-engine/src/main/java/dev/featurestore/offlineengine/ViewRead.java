package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.StorageUri;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an engine reads of one feature view: its offline source, timestamps, keys and features.
 *
 * @param view the feature view's name
 * @param source its offline source: one Parquet object or a prefix
 * @param timestampColumn the event timestamp column of the files
 * @param createdColumn the created timestamp column of the files, which breaks ties of event timestamps
 * @param keys the join keys, at least one
 * @param features the features to read, at least one
 * @param ttl how far back from an entity row's timestamp a value counts; zero for no limit
 */
public record ViewRead(
        String view,
        StorageUri source,
        String timestampColumn,
        Optional<String> createdColumn,
        List<KeyColumn> keys,
        List<FeatureColumn> features,
        Duration ttl) {

    public ViewRead {
        requireNonNull(view, "view is null");
        requireNonNull(source, "source is null");
        requireNonNull(timestampColumn, "timestampColumn is null");
        requireNonNull(createdColumn, "createdColumn is null");
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
        features = List.copyOf(requireNonNull(features, "features is null"));
        requireNonNull(ttl, "ttl is null");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("view '%s' has no join key".formatted(view));
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("view '%s' reads no feature".formatted(view));
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("view '%s' has a negative ttl %s".formatted(view, ttl));
        }
    }

    /** The file columns to read: keys, event timestamp, created timestamp, features (each once). */
    public List<String> sourceColumns() {
        List<String> columns = new ArrayList<>();
        keys.forEach(key -> addOnce(columns, key.sourceColumn()));
        addOnce(columns, timestampColumn);
        createdColumn.ifPresent(column -> addOnce(columns, column));
        features.forEach(feature -> addOnce(columns, feature.sourceColumn()));
        return columns;
    }

    /**
     * The feature columns an object of the source may lack, with their declared types: such an object holds no value
     * of them (it was written before the feature was added, or by a stream or push that carries other features).
     * Keys and timestamps are never optional.
     */
    public Map<String, ValueType> featuresAbsentAsNull() {
        Map<String, ValueType> optional = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        keys.forEach(key -> required.add(key.sourceColumn()));
        required.add(timestampColumn);
        createdColumn.ifPresent(required::add);
        features.forEach(feature -> {
            if (!required.contains(feature.sourceColumn())) {
                optional.putIfAbsent(feature.sourceColumn(), feature.type());
            }
        });
        return optional;
    }

    public int featureIndex(String feature) {
        for (int index = 0; index < features.size(); index++) {
            if (features.get(index).feature().equals(feature)) {
                return index;
            }
        }
        throw new IllegalArgumentException("view '%s' reads no feature '%s'".formatted(view, feature));
    }

    private static void addOnce(List<String> columns, String column) {
        if (!columns.contains(column)) {
            columns.add(column);
        }
    }
}
