package dev.featurestore.historical.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.historical.config.HistoricalProperties;
import dev.featurestore.historical.domain.job.Job;
import dev.featurestore.historical.domain.job.JobState;
import dev.featurestore.historical.domain.job.Jobs;
import dev.featurestore.historical.domain.join.JoinListener;
import dev.featurestore.runtime.work.DaemonThreads;
import dev.featurestore.runtime.work.LocalWork;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs queued jobs on this instance, at most {@code max-concurrent-jobs} at once. A running job's progress is
 * saved every heartbeat, which also keeps its lease and picks up a cancellation. When an instance dies or
 * restarts, its running jobs' heartbeats stop; after {@code lease-timeout} any instance claims them again and
 * starts them over (their partial output deleted first), up to {@code max-attempts} times.
 */
@Context
public class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final Jobs jobs;
    private final TrainingSets trainingSets;
    private final HistoricalProperties properties;
    private final String owner = "historical-" + UUID.randomUUID();
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public JobRunner(Jobs jobs, TrainingSets trainingSets, HistoricalProperties properties) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.trainingSets = requireNonNull(trainingSets, "trainingSets is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.workers = Executors.newFixedThreadPool(properties.maxConcurrentJobs(), DaemonThreads.named("historical-job"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("historical-jobs-scheduler"));
        scheduler.scheduleWithFixedDelay(this::claimQuietly, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::heartbeatQuietly, properties.heartbeatInterval().toMillis(),
                properties.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::cleanUpQuietly, 1, 60, TimeUnit.MINUTES);
    }

    /** This instance's name in the {@code owner} column. */
    public String owner() {
        return owner;
    }

    /** Looks for work now (after a submit on this instance). */
    public void wake() {
        if (!stopped.get()) {
            scheduler.execute(this::claimQuietly);
        }
    }

    /** Asks the job's runner, here or on another instance, to stop. */
    public Optional<Job> cancel(UUID id) {
        Optional<Job> job = jobs.requestCancel(id);
        Running local = running.get(id);
        if (local != null) {
            local.cancelledByUser.set(true);
            local.stop();
        }
        return job;
    }

    /** The progress a job running here has made since its last heartbeat (fresher than the table). */
    public Optional<long[]> localProgress(UUID id) {
        Running local = running.get(id);
        return local == null ? Optional.empty() : Optional.of(local.progress());
    }

    private void claimQuietly() {
        try {
            while (!stopped.get() && running.size() < properties.maxConcurrentJobs()) {
                Optional<Job> claimed = jobs.claim(owner, properties.leaseTimeout());
                if (claimed.isEmpty()) {
                    return;
                }
                start(claimed.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for queued jobs: {}", e.getMessage());
        }
    }

    private void start(Job job) {
        Running local = new Running();
        running.put(job.id(), local);
        if (job.attempt() > properties.maxAttempts()) {
            finish(job, new TrainingSets.Outcome(JobState.FAILED, List.of(), List.of(), Optional.empty(), Optional.of(new Job.Failure(
                    "JOB_ABANDONED", "the job was started %d times and its instance stopped each time (featurestore.historical.max-attempts: %d)"
                            .formatted(job.attempt() - 1, properties.maxAttempts()))), List.of()));
            return;
        }
        if (job.attempt() > 1) {
            LOG.info("Job {} was interrupted on another instance (or before a restart); starting it again, attempt {}", job.id(), job.attempt());
        }
        workers.execute(() -> {
            MDC.put("job_id", job.id().toString());
            try {
                TrainingSets.Outcome outcome = trainingSets.run(job, local);
                finish(job, outcome);
            } catch (RuntimeException e) {
                LOG.error("Job {} failed unexpectedly", job.id(), e);
                finish(job, new TrainingSets.Outcome(JobState.FAILED, List.of(), List.of(), Optional.empty(),
                        Optional.of(new Job.Failure("INTERNAL_ERROR", String.valueOf(e.getMessage()))), List.of()));
            } finally {
                MDC.remove("job_id");
            }
        });
    }

    private void finish(Job job, TrainingSets.Outcome outcome) {
        Running local = running.get(job.id());
        try {
            if (outcome.state() == JobState.CANCELLED && local != null && !local.cancelledByUser.get()) {
                // Stopped because this instance shuts down or lost the lease: the job stays running for another instance.
                LOG.info("Job {} stopped on this instance; another instance takes it over after the lease timeout", job.id());
                return;
            }
            if (!jobs.finish(job.id(), owner, outcome.state(), outcome.outputFiles(), outcome.schema(), outcome.counts(), outcome.failure())) {
                LOG.warn("Job {} was taken over by another instance; this run's outcome ({}) is dropped", job.id(), outcome.state().wireName());
            } else {
                LOG.info("Job {} {}", job.id(), outcome.state().wireName() + outcome.failure().map(failure -> ": " + failure.message()).orElse(""));
            }
        } finally {
            running.remove(job.id());
            wake();
        }
    }

    private void heartbeatQuietly() {
        for (Map.Entry<UUID, Running> entry : running.entrySet()) {
            Running local = entry.getValue();
            try {
                Optional<Boolean> cancel = jobs.heartbeat(entry.getKey(), owner, local.phase(), local.rowsDone(), local.rowsTotal());
                if (cancel.isEmpty()) {
                    LOG.warn("Job {} is no longer this instance's (its lease was taken over); stopping it here", entry.getKey());
                    local.stop();
                } else if (cancel.get()) {
                    local.cancelledByUser.set(true);
                    local.stop();
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not save the progress of job {}: {}", entry.getKey(), e.getMessage());
            }
        }
        try {
            int abandoned = jobs.cancelAbandoned(properties.leaseTimeout());
            if (abandoned > 0) {
                LOG.info("Cancelled {} jobs whose instance stopped after they were asked to cancel", abandoned);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for abandoned jobs: {}", e.getMessage());
        }
    }

    private void cleanUpQuietly() {
        try {
            int deleted = jobs.deleteFinishedBefore(Instant.now().minus(properties.jobRetention()));
            if (deleted > 0) {
                LOG.info("Deleted {} jobs finished more than {} ago", deleted, properties.jobRetention());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not delete old jobs: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopped.set(true);
        scheduler.shutdownNow();
        running.values().forEach(local -> local.stop());
        workers.shutdownNow();
        // Running jobs stop at their next batch; their lease runs out and another instance (or this one, restarted) takes them over.
        workers.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The in-memory state of a job running here. */
    private static final class Running extends LocalWork implements JoinListener {
        private final AtomicBoolean cancelledByUser = new AtomicBoolean();

        @Override
        public boolean cancelRequested() {
            return stopping();
        }
    }
}
