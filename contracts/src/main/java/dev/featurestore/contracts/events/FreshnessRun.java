package dev.featurestore.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * The last successful materialization run of a view, as freshness events report it.
 *
 * @param runId the run
 * @param completedAt when it completed (the time of its {@code materialization.completed})
 * @param maxEventTimestamp the greatest event timestamp it materialized, null when it found no rows
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FreshnessRun(
        @JsonProperty("run_id") String runId,
        @JsonProperty("completed_at") Instant completedAt,
        @JsonProperty("max_event_timestamp") @Nullable Instant maxEventTimestamp) {
    public FreshnessRun {
        requireNonNull(runId, "runId is null");
        requireNonNull(completedAt, "completedAt is null");
    }
}
