package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Parquet object found under a URI, with its hive partition values ({@code key=value/} segments, in path order). */
public record ParquetObject(StorageUri uri, long size, Map<String, String> partitions) {
    public ParquetObject {
        requireNonNull(uri, "uri is null");
        partitions = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(partitions, "partitions is null")));
    }
}
