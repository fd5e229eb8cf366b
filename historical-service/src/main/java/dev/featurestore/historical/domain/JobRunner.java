package dev.featurestore.historical.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.historical.config.HistoricalProperties;
import dev.featurestore.historical.domain.job.Job;
import dev.featurestore.historical.domain.job.JobState;
import dev.featurestore.historical.domain.job.Jobs;
import dev.featurestore.offlineengine.EngineListener;
import dev.featurestore.runtime.work.LocalWork;
import dev.featurestore.runtime.work.WorkRunner;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
    private final WorkRunner<Running> runner;

    public JobRunner(Jobs jobs, TrainingSets trainingSets, HistoricalProperties properties) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.trainingSets = requireNonNull(trainingSets, "trainingSets is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.runner = new WorkRunner<>("historical", properties.maxConcurrentJobs(), properties.pollInterval(), properties.heartbeatInterval(),
                new JobQueue());
    }

    /** This instance's name in the {@code owner} column. */
    public String owner() {
        return runner.owner();
    }

    /** Looks for work now (after a submit on this instance). */
    public void wake() {
        runner.wake();
    }

    /** Asks the job's runner, here or on another instance, to stop. */
    public Optional<Job> cancel(UUID id) {
        Optional<Job> job = jobs.requestCancel(id);
        runner.local(id).ifPresent(local -> {
            local.cancelledByUser.set(true);
            local.stop();
        });
        return job;
    }

    /** The progress a job running here has made since its last heartbeat (fresher than the table). */
    public Optional<long[]> localProgress(UUID id) {
        return runner.local(id).map(LocalWork::progress);
    }

    private void run(Job job, Running local) {
        if (job.attempt() > properties.maxAttempts()) {
            finish(job, local, new TrainingSets.Outcome(JobState.FAILED, List.of(), List.of(), Optional.empty(), Optional.of(new Job.Failure(
                    "JOB_ABANDONED", "the job was started %d times and its instance stopped each time (featurestore.historical.max-attempts: %d)"
                            .formatted(job.attempt() - 1, properties.maxAttempts()))), List.of()));
            return;
        }
        if (job.attempt() > 1) {
            LOG.info("Job {} was interrupted on another instance (or before a restart); starting it again, attempt {}", job.id(), job.attempt());
        }
        MDC.put("job_id", job.id().toString());
        try {
            TrainingSets.Outcome outcome = trainingSets.run(job, local);
            finish(job, local, outcome);
        } catch (RuntimeException e) {
            LOG.error("Job {} failed unexpectedly", job.id(), e);
            finish(job, local, new TrainingSets.Outcome(JobState.FAILED, List.of(), List.of(), Optional.empty(),
                    Optional.of(new Job.Failure("INTERNAL_ERROR", String.valueOf(e.getMessage()))), List.of()));
        } finally {
            MDC.remove("job_id");
        }
    }

    private void finish(Job job, Running local, TrainingSets.Outcome outcome) {
        if (outcome.state() == JobState.CANCELLED && !local.cancelledByUser.get()) {
            // Stopped because this instance shuts down or lost the lease: the job stays running for another instance.
            LOG.info("Job {} stopped on this instance; another instance takes it over after the lease timeout", job.id());
            return;
        }
        if (!jobs.finish(job.id(), runner.owner(), outcome.state(), outcome.outputFiles(), outcome.schema(), outcome.counts(), outcome.failure())) {
            LOG.warn("Job {} was taken over by another instance; this run's outcome ({}) is dropped", job.id(), outcome.state().wireName());
        } else {
            LOG.info("Job {} {}", job.id(), outcome.state().wireName() + outcome.failure().map(failure -> ": " + failure.message()).orElse(""));
        }
    }

    @PreDestroy
    void stop() {
        // Running jobs stop at their next batch; their lease runs out and another instance (or this one, restarted) takes them over.
        runner.close();
    }

    /** The job table as the runner's queue. */
    private final class JobQueue implements WorkRunner.Queue<Running> {
        @Override
        public Optional<WorkRunner.Claimed<Running>> claim(String owner) {
            return jobs.claim(owner, properties.leaseTimeout()).map(job -> {
                Running local = new Running();
                return new WorkRunner.Claimed<>(job.id(), local, () -> run(job, local));
            });
        }

        @Override
        public boolean heartbeat(UUID id, String owner, Running local) {
            Optional<Boolean> cancel = jobs.heartbeat(id, owner, local.phase(), local.rowsDone(), local.rowsTotal());
            if (cancel.isPresent() && cancel.get()) {
                local.cancelledByUser.set(true);
                local.stop();
            }
            return cancel.isPresent();
        }

        @Override
        public void afterHeartbeats() {
            int abandoned = jobs.cancelAbandoned(properties.leaseTimeout());
            if (abandoned > 0) {
                LOG.info("Cancelled {} jobs whose instance stopped after they were asked to cancel", abandoned);
            }
        }

        @Override
        public void cleanUp() {
            int deleted = jobs.deleteFinishedBefore(Instant.now().minus(properties.jobRetention()));
            if (deleted > 0) {
                LOG.info("Deleted {} jobs finished more than {} ago", deleted, properties.jobRetention());
            }
        }
    }

    /** The in-memory state of a job running here. */
    private static final class Running extends LocalWork implements EngineListener {
        private final AtomicBoolean cancelledByUser = new AtomicBoolean();

        @Override
        public boolean cancelRequested() {
            return stopping();
        }
    }
}
