package dev.featurestore.contracts.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Data of {@code materialization.completed}: a run copied a feature view's offline rows of a window into the
 * online store; or, with trigger {@code stream}, stream ingestion reports what it wrote of a stream-fed view over an
 * interval (the window is the interval's smallest event timestamp to the report's time, the run id is the report's,
 * and there is no run to look up and no skew check).
 *
 * @param project the view's project
 * @param featureView the view
 * @param runId the run (materialization-service's {@code GET /v1/runs/{id}})
 * @param trigger what started the run: {@code manual}, {@code schedule}, {@code registry_change}, {@code data_landed}; or
 *     {@code stream} for a stream ingestion report
 * @param startTimestamp the window's start (inclusive)
 * @param endTimestamp the window's end (inclusive); the view's watermark after the run
 * @param rowsRead offline rows of the window read
 * @param entitiesWritten entities whose online value this run replaced
 * @param entitiesUnchanged entities the online store already held an equal or newer value for (newer-wins)
 * @param entitiesExpired entities whose latest row was past its ttl and retention already, so not written
 * @param maxEventTimestamp the greatest event timestamp among the rows read, null when the window held none
 * @param durationMs how long the run took
 * @param statistics per feature, the statistics of the values the run materialized (one latest row per entity)
 * @param skewCheck the comparison of online values with point-in-time values after the run, null when not done
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MaterializationCompleted(
        String project,
        @JsonProperty("feature_view") String featureView,
        @JsonProperty("run_id") String runId,
        String trigger,
        @JsonProperty("start_ts") Instant startTimestamp,
        @JsonProperty("end_ts") Instant endTimestamp,
        @JsonProperty("rows_read") long rowsRead,
        @JsonProperty("entities_written") long entitiesWritten,
        @JsonProperty("entities_unchanged") long entitiesUnchanged,
        @JsonProperty("entities_expired") long entitiesExpired,
        @JsonProperty("max_event_timestamp") @Nullable Instant maxEventTimestamp,
        @JsonProperty("duration_ms") long durationMs,
        Map<String, FeatureStatistics> statistics,
        @JsonProperty("skew_check") @Nullable SkewCheck skewCheck) {
    public MaterializationCompleted {
        requireNonNull(project, "project is null");
        requireNonNull(featureView, "featureView is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(startTimestamp, "startTimestamp is null");
        requireNonNull(endTimestamp, "endTimestamp is null");
        statistics = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(statistics, "statistics is null")));
    }
}
