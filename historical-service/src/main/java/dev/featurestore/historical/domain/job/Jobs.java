package dev.featurestore.historical.domain.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where jobs are kept (PostgreSQL schema {@code historical} in production). Shared by every instance. */
public interface Jobs {
    /** Stores a new job in state {@code state} (queued, or running owned by {@code owner} for an inline run). */
    void create(UUID id, JobRequest request, JobState state, Optional<String> owner);

    Optional<Job> find(UUID id);

    /**
     * Takes the oldest queued job, or a running job whose heartbeat is older than {@code leaseTimeout} (its
     * instance died), for {@code owner}: state running, attempt + 1. Empty when there is none.
     */
    Optional<Job> claim(String owner, Duration leaseTimeout);

    /**
     * Records progress and keeps the lease.
     *
     * @return whether cancellation was asked for; empty when the job is no longer this owner's
     */
    Optional<Boolean> heartbeat(UUID id, String owner, String phase, long rowsDone, long rowsTotal);

    /** Ends a job this owner runs; false when it is no longer this owner's (its lease was taken). */
    boolean finish(UUID id, String owner, JobState state, List<String> outputFiles, List<Job.OutputField> outputSchema,
            Optional<Job.Counts> counts, Optional<Job.Failure> error);

    /**
     * Asks a job to stop: a queued job is cancelled at once, a running one is flagged for its runner.
     *
     * @return the job after the request, empty when there is no such job
     */
    Optional<Job> requestCancel(UUID id);

    /** Jobs running with a heartbeat older than {@code leaseTimeout} and asked to cancel: cancelled now (their instance is gone). */
    int cancelAbandoned(Duration leaseTimeout);

    /** Deletes jobs finished before {@code cutoff}; returns how many. */
    int deleteFinishedBefore(Instant cutoff);
}
