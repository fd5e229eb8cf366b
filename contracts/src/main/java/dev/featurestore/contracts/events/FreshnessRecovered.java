package dev.featurestore.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Data of {@code freshness.recovered}: a feature view left the {@code violated} freshness state. Published once per
 * exit (one event id), after exactly one {@code freshness.violated}.
 *
 * @param reason {@code fresh} (a run brought its staleness back within the SLA), {@code sla_removed} (its
 *     {@code freshness_sla} was removed or it went offline, so it is no longer evaluated) or {@code view_deleted}
 * @param freshnessSlaSeconds the view's {@code freshness_sla}, null when it was removed
 * @param stalenessSeconds now minus the greatest event timestamp materialized, null when nothing was
 * @param maxEventTimestamp the greatest event timestamp materialized, null when nothing was
 * @param recoveredAt when the recovery was detected
 * @param violatedSince when the violation it ends was detected
 * @param lastRun the last successful run, null when there was none
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FreshnessRecovered(
        String project,
        @JsonProperty("feature_view") String featureView,
        String reason,
        @JsonProperty("freshness_sla_seconds") @Nullable Long freshnessSlaSeconds,
        @JsonProperty("staleness_seconds") @Nullable Long stalenessSeconds,
        @JsonProperty("max_event_timestamp") @Nullable Instant maxEventTimestamp,
        @JsonProperty("recovered_at") Instant recoveredAt,
        @JsonProperty("violated_since") Instant violatedSince,
        @JsonProperty("last_run") @Nullable FreshnessRun lastRun) {
    /** The reasons a violation ends. */
    public static final List<String> REASONS = List.of("fresh", "sla_removed", "view_deleted");

    public FreshnessRecovered {
        requireNonNull(project, "project is null");
        requireNonNull(featureView, "featureView is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(recoveredAt, "recoveredAt is null");
        requireNonNull(violatedSince, "violatedSince is null");
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason '%s' is not one of %s".formatted(reason, REASONS));
        }
    }
}
