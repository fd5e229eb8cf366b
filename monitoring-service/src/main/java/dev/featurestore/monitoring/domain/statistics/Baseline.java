package dev.featurestore.monitoring.domain.statistics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The run a view's statistics are compared with besides the previous run.
 *
 * @param pinnedBy {@code first_run} (the view's first run with statistics, by default) or {@code user}
 */
public record Baseline(String project, String featureView, String runId, Instant pinnedAt, String pinnedBy) {
    public Baseline {
        requireNonNull(project, "project is null");
        requireNonNull(featureView, "featureView is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(pinnedAt, "pinnedAt is null");
        requireNonNull(pinnedBy, "pinnedBy is null");
    }
}
