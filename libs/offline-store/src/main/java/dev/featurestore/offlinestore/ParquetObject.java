package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** A Parquet object found under a URI, with its hive partition values ({@code key=value/} segments). */
public record ParquetObject(StorageUri uri, long size, Map<String, String> partitions) {
    public ParquetObject {
        requireNonNull(uri, "uri is null");
        partitions = Map.copyOf(requireNonNull(partitions, "partitions is null"));
    }
}
