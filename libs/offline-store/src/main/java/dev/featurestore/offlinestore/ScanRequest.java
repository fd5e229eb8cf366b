package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What to read.
 *
 * @param uri one {@code .parquet} object, or a prefix under which every {@code *.parquet} object is read
 * @param columns the columns to deliver, in this order (file columns or hive partition keys); empty for
 *     every file column followed by the partition keys
 * @param timeRange keep only rows whose timestamp column lies in the range; row groups whose statistics
 *     show no such row are not read at all
 */
public record ScanRequest(StorageUri uri, Optional<List<String>> columns, Optional<TimeRange> timeRange) {
    public ScanRequest {
        requireNonNull(uri, "uri is null");
        columns = requireNonNull(columns, "columns is null").map(List::copyOf);
        requireNonNull(timeRange, "timeRange is null");
    }

    public static ScanRequest of(StorageUri uri) {
        return new ScanRequest(uri, Optional.empty(), Optional.empty());
    }

    public ScanRequest withColumns(String... names) {
        return new ScanRequest(uri, Optional.of(List.of(names)), timeRange);
    }

    public ScanRequest withTimeRange(TimeRange range) {
        return new ScanRequest(uri, columns, Optional.of(range));
    }
}
