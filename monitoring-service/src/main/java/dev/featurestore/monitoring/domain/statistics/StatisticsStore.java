package dev.featurestore.monitoring.domain.statistics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The statistics of materialization runs, and each view's baseline. Writes join the caller's transaction. */
public interface StatisticsStore {
    /** @return false when the run's statistics were stored before (nothing is changed then) */
    boolean save(RunStatistics run);

    /** The run of the view that completed last before {@code completedAt}. */
    Optional<RunStatistics> previous(String project, String featureView, Instant completedAt);

    Optional<RunStatistics> find(String project, String featureView, String runId);

    /** The view's runs, the last completed first. */
    List<RunStatistics> history(String project, String featureView, int limit);

    Optional<Baseline> baseline(String project, String featureView);

    /** Makes the run the view's baseline unless it has one; returns the baseline it has then. */
    Baseline pinIfAbsent(Baseline baseline);

    /** Makes the run the view's baseline. */
    void pin(Baseline baseline);

    /**
     * Deletes the statistics of a deleted project's runs that completed before it was deleted, and the baselines left
     * without their run, so a project created again under its name starts clean.
     *
     * @return how many runs were deleted
     */
    int deleteProject(String project, Instant deletedAt);

    /**
     * Deletes statistics of runs that completed before {@code cutoff}, except each view's baseline and latest run.
     *
     * @return how many runs were deleted
     */
    int deleteOlderThan(Instant cutoff);
}
