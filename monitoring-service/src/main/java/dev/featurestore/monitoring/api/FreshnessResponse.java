package dev.featurestore.monitoring.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.events.FreshnessError;
import dev.featurestore.contracts.events.FreshnessRun;
import dev.featurestore.monitoring.domain.freshness.ViewFreshness;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;

/**
 * One view's freshness.
 *
 * @param freshnessSla the view's {@code freshness_sla} as declared in seconds, null when it has none (then it is not evaluated)
 * @param stalenessSeconds now minus the greatest event timestamp materialized, null when nothing was
 * @param state {@code unknown}, {@code ok} or {@code violated}
 * @param stateSince when it entered that state
 * @param reason why it is violated
 * @param evaluated whether its freshness is evaluated (an online view with a {@code freshness_sla})
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FreshnessResponse(
        String project,
        @JsonProperty("feature_view") String featureView,
        boolean online,
        boolean evaluated,
        @JsonProperty("freshness_sla_seconds") @Nullable Long freshnessSla,
        @JsonProperty("materialization_interval_seconds") @Nullable Long materializationInterval,
        @JsonProperty("staleness_seconds") @Nullable Long stalenessSeconds,
        @JsonProperty("max_event_timestamp") @Nullable Instant maxEventTimestamp,
        String state,
        @JsonProperty("state_since") Instant stateSince,
        @Nullable String reason,
        @JsonProperty("last_run") @Nullable FreshnessRun lastRun,
        @JsonProperty("last_error") @Nullable FreshnessError lastError) {

    static FreshnessResponse of(ViewFreshness view, Instant now) {
        return new FreshnessResponse(view.project(), view.featureView(), view.online(), view.evaluated(), seconds(view.freshnessSla()),
                seconds(view.materializationInterval()), view.staleness(now).map(Duration::toSeconds).orElse(null), view.maxEventTimestamp(),
                view.state().wireName(), view.stateSince(), view.reason(), view.lastRun(), view.lastError());
    }

    private static Long seconds(@Nullable Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
