package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
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
 * @param absentAsNull requested columns an object may lack, with the type to deliver them in: from an object
 *     without such a column it is delivered all null (objects written before a column was added to the source,
 *     or micro-batches of a stream or push that carry only some of the source's columns); any other requested
 *     column an object lacks is an error naming the object and the column
 */
public record ScanRequest(StorageUri uri, Optional<List<String>> columns, Optional<TimeRange> timeRange, Map<String, Set<String>> partitionValues,
        Map<String, ValueType> absentAsNull) {
    public ScanRequest {
        requireNonNull(uri, "uri is null");
        columns = requireNonNull(columns, "columns is null").map(List::copyOf);
        requireNonNull(timeRange, "timeRange is null");
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        requireNonNull(partitionValues, "partitionValues is null").forEach((key, values) -> copy.put(key, Set.copyOf(values)));
        partitionValues = Map.copyOf(copy);
        absentAsNull = Map.copyOf(requireNonNull(absentAsNull, "absentAsNull is null"));
    }

    public ScanRequest(StorageUri uri, Optional<List<String>> columns, Optional<TimeRange> timeRange, Map<String, Set<String>> partitionValues) {
        this(uri, columns, timeRange, partitionValues, Map.of());
    }

    public ScanRequest(StorageUri uri, Optional<List<String>> columns, Optional<TimeRange> timeRange) {
        this(uri, columns, timeRange, Map.of());
    }

    public static ScanRequest of(StorageUri uri) {
        return new ScanRequest(uri, Optional.empty(), Optional.empty(), Map.of());
    }

    public ScanRequest withColumns(String... names) {
        return new ScanRequest(uri, Optional.of(List.of(names)), timeRange, partitionValues, absentAsNull);
    }

    public ScanRequest withTimeRange(TimeRange range) {
        return new ScanRequest(uri, columns, Optional.of(range), partitionValues, absentAsNull);
    }

    /** Reads only objects whose partition {@code key} has one of {@code values}. */
    public ScanRequest withPartitionValues(String key, Set<String> values) {
        Map<String, Set<String>> updated = new LinkedHashMap<>(partitionValues);
        updated.put(key, values);
        return new ScanRequest(uri, columns, timeRange, updated, absentAsNull);
    }

    /** Delivers these requested columns all null, in these types, from an object that lacks them. */
    public ScanRequest withAbsentAsNull(Map<String, ValueType> columnsAndTypes) {
        return new ScanRequest(uri, columns, timeRange, partitionValues, columnsAndTypes);
    }

    /** Whether an object with these partition values is to be read. */
    public boolean selects(Map<String, String> partitions) {
        return partitionValues.entrySet().stream()
                .allMatch(entry -> partitions.containsKey(entry.getKey()) && entry.getValue().contains(partitions.get(entry.getKey())));
    }
}
