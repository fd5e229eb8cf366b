package dev.featurestore.monitoring.domain.freshness;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.FreshnessError;
import dev.featurestore.contracts.events.FreshnessRun;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What monitoring knows of one feature view's freshness.
 *
 * @param defined whether the registry has the view
 * @param online whether it is an online view (only online views are materialized, so only they are evaluated)
 * @param freshnessSla its {@code freshness_sla}, null when it has none
 * @param materializationInterval its {@code materialization_interval}, null when it has none
 * @param firstSeenAt when this service first heard of the view
 * @param maxEventTimestamp the greatest event timestamp any successful run materialized
 * @param lastRun the successful run that completed last
 * @param lastError the failed run that failed last
 * @param state its current state
 * @param stateSince when it entered that state
 * @param reason why it is violated (a {@code FreshnessViolated} reason), null otherwise
 */
public record ViewFreshness(
        String project,
        String featureView,
        boolean defined,
        boolean online,
        @Nullable Duration freshnessSla,
        @Nullable Duration materializationInterval,
        Instant firstSeenAt,
        @Nullable Instant maxEventTimestamp,
        @Nullable FreshnessRun lastRun,
        @Nullable FreshnessError lastError,
        FreshnessState state,
        Instant stateSince,
        @Nullable String reason) {
    public ViewFreshness {
        requireNonNull(project, "project is null");
        requireNonNull(featureView, "featureView is null");
        requireNonNull(firstSeenAt, "firstSeenAt is null");
        requireNonNull(state, "state is null");
        requireNonNull(stateSince, "stateSince is null");
    }

    /** Whether the view's freshness is evaluated: a defined online view with a {@code freshness_sla}. */
    public boolean evaluated() {
        return defined && online && freshnessSla != null;
    }

    /** Now minus the greatest event timestamp materialized; empty when nothing was. */
    public Optional<Duration> staleness(Instant now) {
        return maxEventTimestamp == null ? Optional.empty() : Optional.of(Duration.between(maxEventTimestamp, now));
    }

    /** Whether the last failure happened after the last success (or there was no success). */
    public boolean failedSinceLastSuccess() {
        return lastError != null && (lastRun == null || lastError.failedAt().isAfter(lastRun.completedAt()));
    }
}
