package dev.featurestore.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Data of {@code data.landed}: new Parquet files of a source are in the offline store.
 *
 * @param uris the files (or prefixes) that landed, such as {@code s3://features/driver_stats/2026-11-21.parquet}
 * @param rowCount how many rows they hold, when known
 * @param minEventTimestamp the smallest event timestamp in them, when known
 * @param maxEventTimestamp the greatest event timestamp in them, when known
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataLanded(
        String project,
        String source,
        List<String> uris,
        @JsonProperty("row_count") @Nullable Long rowCount,
        @JsonProperty("min_event_timestamp") @Nullable Instant minEventTimestamp,
        @JsonProperty("max_event_timestamp") @Nullable Instant maxEventTimestamp) {
    public DataLanded {
        requireNonNull(project, "project is null");
        requireNonNull(source, "source is null");
        uris = List.copyOf(requireNonNull(uris, "uris is null"));
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("uris is empty");
        }
    }

    public DataLanded(String project, String source, List<String> uris) {
        this(project, source, uris, null, null, null);
    }
}
