package dev.featurestore.onlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import java.time.Instant;

/**
 * One record to write.
 *
 * @param key the record's key ({@link dev.featurestore.contracts.online.OnlineKeys#recordKey})
 * @param schema the view's fields, in the record's value order
 * @param record the values and their timestamps
 * @param expireAt when Redis drops the record ({@link OnlineExpiry#expireAt}), or null for never
 */
public record RecordWrite(String key, OnlineSchema schema, OnlineRecord record, Instant expireAt) {
    public RecordWrite {
        requireNonNull(key, "key is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(record, "record is null");
    }
}
