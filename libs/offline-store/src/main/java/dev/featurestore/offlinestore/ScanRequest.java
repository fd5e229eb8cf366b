package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What to read.
 *
 * @param uri one {@code .parquet} object, or a prefix under which every {@code *.parquet} object is read
 * @param columns the columns to deliver, in this order (file columns or hive partition keys); empty for
 *     every file column followed by the partition keys
 * @param timeRange keep only rows whose timestamp column lies in the range; row groups whose statistics
 *     show no such row are not read at all
 * @param partitionValues partition pruning: for each key, the values to read; an object whose path has
 *     another value for the key, or no such key, is not opened
 */
public record ScanRequest(StorageUri uri, Optional<List<String>> columns, Optional<TimeRange> timeRange, Map<String, Set<String>> partitionValues) {
    public ScanRequest {
        requireNonNull(uri, "uri is null");
        columns = requireNonNull(columns, "columns is null").map(List::copyOf);
        requireNonNull(timeRange, "timeRange is null");
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        requireNonNull(partitionValues, "partitionValues is null").forEach((key, values) -> copy.put(key, Set.copyOf(values)));
        partitionValues = Map.copyOf(copy);
    }

    public ScanRequest(StorageUri uri, Optional<List<String>> columns, Optional<TimeRange> timeRange) {
        this(uri, columns, timeRange, Map.of());
    }

    public static ScanRequest of(StorageUri uri) {
        return new ScanRequest(uri, Optional.empty(), Optional.empty(), Map.of());
    }

    public ScanRequest withColumns(String... names) {
        return new ScanRequest(uri, Optional.of(List.of(names)), timeRange, partitionValues);
    }

    public ScanRequest withTimeRange(TimeRange range) {
        return new ScanRequest(uri, columns, Optional.of(range), partitionValues);
    }

    /** Reads only objects whose partition {@code key} has one of {@code values}. */
    public ScanRequest withPartitionValues(String key, Set<String> values) {
        Map<String, Set<String>> updated = new LinkedHashMap<>(partitionValues);
        updated.put(key, values);
        return new ScanRequest(uri, columns, timeRange, updated);
    }

    /** Whether an object with these partition values is to be read. */
    public boolean selects(Map<String, String> partitions) {
        return partitionValues.entrySet().stream()
                .allMatch(entry -> partitions.containsKey(entry.getKey()) && entry.getValue().contains(partitions.get(entry.getKey())));
    }
}
