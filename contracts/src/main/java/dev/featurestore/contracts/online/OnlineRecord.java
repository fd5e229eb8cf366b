package dev.featurestore.contracts.online;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The online value of one feature view for one entity: its features' values and when they were true.
 *
 * @param eventTimestamp when the values were observed (microsecond precision is kept)
 * @param createdTimestamp when the row was written upstream, or null; breaks ties between equal event timestamps
 * @param values one value per field of the schema, in its order, null where absent; Java types as
 *     {@link OnlineRecordCodec} lists them
 */
public record OnlineRecord(Instant eventTimestamp, Instant createdTimestamp, List<Object> values) {
    public OnlineRecord {
        requireNonNull(eventTimestamp, "eventTimestamp is null");
        values = Collections.unmodifiableList(new ArrayList<>(requireNonNull(values, "values is null")));
    }

    /**
     * Whether this record must not be replaced by {@code other}: its (event, created) timestamps are greater
     * than or equal to the other's, an absent created timestamp counting as the smallest.
     */
    public boolean supersedes(OnlineRecord other) {
        int byEvent = eventTimestamp.compareTo(other.eventTimestamp);
        if (byEvent != 0) {
            return byEvent > 0;
        }
        return OnlineRecordCodec.micros(createdTimestamp) >= OnlineRecordCodec.micros(other.createdTimestamp);
    }
}
