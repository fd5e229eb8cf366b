package dev.featurestore.materialization.domain.run;

import dev.featurestore.contracts.events.CloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs, the per-view leases that keep two runs of one view from overlapping (on any number of instances), and the
 * views' watermarks.
 */
public interface Runs {
    /** Queues runs, all or none. */
    void create(List<NewRun> runs);

    /**
     * Queues an incremental run of a view for a trigger, unless the view already has a queued incremental run: that
     * one's end is then moved to the window's end if later, and its {@code startNoLaterThan} to the window's if earlier
     * (so a burst of triggers makes one run).
     *
     * @return the run queued or extended
     */
    UUID enqueueIncremental(String project, String featureView, Trigger trigger, RunWindow window);

    /** Replaces a project's schedule: views and their {@code materialization_interval}. */
    void replaceSchedule(String project, Map<String, Duration> intervals);

    /**
     * The scheduled views whose watermark is older than their interval (or missing) and that have no queued or
     * running run. Empty when another instance is checking the schedule at the same time.
     */
    List<ScheduledView> dueViews();

    /** A view due for a scheduled run. */
    record ScheduledView(String project, String featureView) {
    }

    Optional<Run> find(UUID id);

    /** The newest runs first, of a project and optionally one view. */
    List<Run> list(String project, Optional<String> featureView, int limit);

    /**
     * Takes the oldest queued run (or a running one whose instance stopped heart-beating for the lease timeout)
     * whose view no other run holds, with that view's lease, and marks it running for {@code owner}.
     */
    Optional<Run> claim(String owner);

    /**
     * Saves a running run's progress and renews its lease.
     *
     * @return false when the run is no longer this owner's (its lease was taken over)
     */
    boolean heartbeat(UUID id, String owner, String phase, long rowsDone, long rowsTotal);

    /** Records the start an incremental run resolved. */
    void started(UUID id, String owner, Instant start);

    /**
     * Marks the run succeeded, moves the view's watermark to the window's end (never backwards), releases the view's
     * lease and appends the event to the outbox, all in one transaction.
     *
     * @return false when the run is no longer this owner's (nothing written)
     */
    boolean succeed(UUID id, String owner, Instant start, Run.Result result, CloudEvent<?> event);

    /** Marks the run failed, releases the lease and appends the event, in one transaction; the watermark stays. */
    boolean fail(UUID id, String owner, Optional<Instant> start, Run.Failure failure, CloudEvent<?> event);

    /** Gives a run this instance stops (shutting down) back to the queue at once, rather than after the lease timeout. */
    void release(UUID id, String owner);

    /** The end of the view's last successful run's window. */
    Optional<Instant> watermark(String project, String featureView);

    /** Deletes runs that finished before {@code cutoff}. */
    int deleteFinishedBefore(Instant cutoff);

    /**
     * A run to queue.
     *
     * @param id its id
     * @param project the view's project
     * @param featureView the view
     * @param trigger what asked for it
     * @param window its window
     */
    /**
     * Forgets a deleted project: deletes its schedule and watermarks and cancels its queued and running runs (their
     * history stays, until the retention deletes it).
     */
    ForgottenProject forgetProject(String project);

    /** What {@link #forgetProject} deleted and cancelled. */
    record ForgottenProject(int scheduledViews, int watermarks, int cancelledRuns) {
    }

    record NewRun(UUID id, String project, String featureView, Trigger trigger, RunWindow window) {
    }
}
