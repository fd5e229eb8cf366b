package dev.featurestore.onlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.online.OnlineSchema;

/**
 * One record to read.
 *
 * @param key the record's key ({@link dev.featurestore.contracts.online.OnlineKeys#recordKey})
 * @param schema the view's fields now: the record's values are answered in this order
 */
public record RecordRead(String key, OnlineSchema schema) {
    public RecordRead {
        requireNonNull(key, "key is null");
        requireNonNull(schema, "schema is null");
    }
}
