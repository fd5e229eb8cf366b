package dev.featurestore.monitoring.domain.statistics;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.FeatureStatistics;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * The feature statistics of one materialization run of a view, and their drift when they arrived.
 *
 * @param statistics per feature, as materialization computed them
 */
public record RunStatistics(
        String project,
        String featureView,
        String runId,
        Instant completedAt,
        @Nullable Instant startTimestamp,
        Instant endTimestamp,
        long rowsRead,
        long entitiesWritten,
        @Nullable Instant maxEventTimestamp,
        Map<String, FeatureStatistics> statistics,
        Drift drift) {
    public RunStatistics {
        requireNonNull(project, "project is null");
        requireNonNull(featureView, "featureView is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(completedAt, "completedAt is null");
        requireNonNull(endTimestamp, "endTimestamp is null");
        statistics = Map.copyOf(statistics);
        requireNonNull(drift, "drift is null");
    }
}
