package dev.featurestore.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Data of {@code freshness.violated}: a feature view entered the {@code violated} freshness state. Published once per
 * entry (one event id), never again until it has recovered.
 *
 * @param reason {@code sla_exceeded} (staleness passed the SLA), {@code materialization_failed} (a run failed and the
 *     view cannot meet its SLA before its next scheduled run) or {@code never_materialized} (no run succeeded within
 *     the SLA of the view being defined)
 * @param freshnessSlaSeconds the view's {@code freshness_sla}
 * @param stalenessSeconds now minus the greatest event timestamp materialized, null when nothing was
 * @param maxEventTimestamp the greatest event timestamp materialized, null when nothing was
 * @param detectedAt when the violation was detected
 * @param lastRun the last successful run, null when there was none
 * @param lastError the last failed run, null when there was none
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FreshnessViolated(
        String project,
        @JsonProperty("feature_view") String featureView,
        String reason,
        @JsonProperty("freshness_sla_seconds") long freshnessSlaSeconds,
        @JsonProperty("staleness_seconds") @Nullable Long stalenessSeconds,
        @JsonProperty("max_event_timestamp") @Nullable Instant maxEventTimestamp,
        @JsonProperty("detected_at") Instant detectedAt,
        @JsonProperty("last_run") @Nullable FreshnessRun lastRun,
        @JsonProperty("last_error") @Nullable FreshnessError lastError) {
    /** The reasons a view can be in violation. */
    public static final List<String> REASONS = List.of("sla_exceeded", "materialization_failed", "never_materialized");

    public FreshnessViolated {
        requireNonNull(project, "project is null");
        requireNonNull(featureView, "featureView is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(detectedAt, "detectedAt is null");
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason '%s' is not one of %s".formatted(reason, REASONS));
        }
    }
}
