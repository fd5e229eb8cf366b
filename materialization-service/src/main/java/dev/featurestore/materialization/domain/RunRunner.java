package dev.featurestore.materialization.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.contracts.events.MaterializationFailed;
import dev.featurestore.contracts.events.SkewCheck;
import dev.featurestore.materialization.config.MaterializationProperties;
import dev.featurestore.materialization.domain.run.Run;
import dev.featurestore.materialization.domain.run.Runs;
import dev.featurestore.materialization.domain.skew.SkewChecker;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.RegistryUnavailableException;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.work.LocalWork;
import dev.featurestore.runtime.work.WorkRunner;
import io.micronaut.context.annotation.Context;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs queued runs on this instance, at most {@code max-concurrent-runs} at once, each holding its view's lease so
 * that no two runs of one view overlap on any instance. A running run saves its progress and renews its lease every
 * heartbeat. A run this instance stops (shutting down) goes back to the queue at once; a run whose instance died is
 * claimed again by any instance once its lease expires, and starts its window over (writes are newer-wins, and the
 * watermark moves only when a run succeeds), up to {@code max-attempts} times. A run's end, its watermark and its
 * event are written in one transaction (the event through the outbox).
 */
@Context
public class RunRunner {
    static final String EVENT_SOURCE = "/featurestore/materialization-service";
    private static final Logger LOG = LoggerFactory.getLogger(RunRunner.class);

    private final Runs runs;
    private final RegistryClient registry;
    private final ViewMaterializer materializer;
    private final SkewChecker skewChecker;
    private final MaterializationProperties properties;
    private final WorkRunner<Running> runner;
    private final Tracer tracer;

    public RunRunner(Runs runs, RegistryClient registry, ViewMaterializer materializer, SkewChecker skewChecker, MaterializationProperties properties,
            OpenTelemetry openTelemetry) {
        this.skewChecker = requireNonNull(skewChecker, "skewChecker is null");
        this.tracer = openTelemetry.getTracer("dev.featurestore.materialization");
        this.runs = requireNonNull(runs, "runs is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.materializer = requireNonNull(materializer, "materializer is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.runner = new WorkRunner<>("materialization", properties.maxConcurrentRuns(), properties.pollInterval(), properties.heartbeatInterval(),
                new RunQueue());
    }

    /** This instance's name in the runs' {@code owner} column. */
    public String owner() {
        return runner.owner();
    }

    /** Looks for work now (after runs were queued). */
    public void wake() {
        runner.wake();
    }

    /** The progress of a run running here since its last heartbeat (fresher than the table): rows done, rows total. */
    public Optional<long[]> localProgress(UUID id) {
        return runner.local(id).map(LocalWork::progress);
    }

    private void execute(Run run, Running local) {
        MDC.put("job_id", run.id().toString());
        MDC.put("feature_view", run.project() + "/" + run.featureView());
        Span span = tracer.spanBuilder("materialize " + run.featureView())
                .setAttribute("featurestore.project", run.project())
                .setAttribute("featurestore.feature_view", run.featureView())
                .setAttribute("featurestore.run_id", run.id().toString())
                .setAttribute("featurestore.trigger", run.trigger().wireName())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            attempt(run, local);
        } finally {
            span.end();
            MDC.remove("job_id");
            MDC.remove("feature_view");
        }
    }

    private void attempt(Run run, Running local) {
        long started = System.nanoTime();
        Optional<Instant> start = run.start();
        if (run.attempt() > properties.maxAttempts()) {
            fail(run, local, start, new Run.Failure(MaterializationErrorCode.RUN_ABANDONED.name(),
                    "the run was started %d times and its instance stopped each time (featurestore.materialization.max-attempts: %d)"
                            .formatted(run.attempt() - 1, properties.maxAttempts()), 0), started);
            return;
        }
        if (run.attempt() > 1) {
            LOG.info("Run {} of {} was interrupted before (attempt {}); starting its window over", run.id(), run.featureView(), run.attempt());
        }
        try {
            ResolvedFeatureView view = resolve(run);
            Instant resolved = run.window().start().orElseGet(() -> incrementalStart(run, view));
            start = Optional.of(resolved);
            runs.started(run.id(), owner(), resolved);
            LOG.info("Materializing {} of project {} from {} to {} ({})", view.name(), run.project(), resolved, run.window().end(), run.trigger().wireName());
            ViewMaterializer.Outcome outcome = materializer.materialize(view, resolved, run.window().end(), local);
            Optional<SkewCheck> skew = Optional.empty();
            if (properties.skewCheckEnabled()) {
                local.phase("checking skew");
                skew = Optional.of(skewChecker.check(view, outcome.sample(), run.window().end()));
                if (!"passed".equals(skew.get().state())) {
                    LOG.warn("Skew check of run {} of {} {}: {} mismatches of {} entities{}", run.id(), run.featureView(), skew.get().state(),
                            skew.get().mismatches(), skew.get().sampled(), skew.get().reason() == null ? "" : " (" + skew.get().reason() + ")");
                }
            }
            Run.Result result = new Run.Result(outcome.rowsRead(), outcome.written(), outcome.unchanged(), outcome.expired(),
                    outcome.maxEventTimestamp(), outcome.statistics(), skew);
            long millis = elapsedMillis(started);
            CloudEvent<MaterializationCompleted> event = CloudEvents.create(EventTypes.MATERIALIZATION_COMPLETED, EVENT_SOURCE,
                    new MaterializationCompleted(run.project(), run.featureView(), run.id().toString(), run.trigger().wireName(), resolved,
                            run.window().end(), outcome.rowsRead(), outcome.written(), outcome.unchanged(), outcome.expired(),
                            outcome.maxEventTimestamp().orElse(null), millis, outcome.statistics(), skew.orElse(null)));
            local.ending = true;
            if (runs.succeed(run.id(), owner(), resolved, result, event)) {
                LOG.info("Run {} of {} succeeded in {} ms: {} rows read, {} entities written, {} unchanged, {} expired",
                        run.id(), run.featureView(), millis, outcome.rowsRead(), outcome.written(), outcome.unchanged(), outcome.expired());
            } else {
                LOG.warn("Run {} of {} was taken over by another instance; this attempt's outcome is dropped", run.id(), run.featureView());
            }
        } catch (RunStoppedException e) {
            if (runner.stopping()) {
                release(run);
            } else {
                LOG.warn("Run {} of {} stopped: its lease was taken over ({})", run.id(), run.featureView(), e.getMessage());
            }
        } catch (FeatureStoreException e) {
            fail(run, local, start, new Run.Failure(e.code().name(), e.getMessage(), local.rowsDone()), started);
        } catch (RuntimeException e) {
            LOG.error("Run {} of {} failed unexpectedly", run.id(), run.featureView(), e);
            fail(run, local, start, new Run.Failure(CommonErrorCode.INTERNAL_ERROR.name(), String.valueOf(e.getMessage()), local.rowsDone()), started);
        }
    }

    private void release(Run run) {
        try {
            runs.release(run.id(), owner());
            LOG.info("Run {} of {} stopped as this instance shuts down; it is queued again", run.id(), run.featureView());
        } catch (RuntimeException e) {
            LOG.warn("Run {} of {} stopped as this instance shuts down; any instance starts it again after the lease timeout ({})",
                    run.id(), run.featureView(), e.getMessage());
        }
    }

    private ResolvedFeatureView resolve(Run run) {
        ResolvedFeatureView view;
        try {
            view = registry.lookup(run.project(), projectRegistry -> projectRegistry.featureView(run.featureView()));
        } catch (RegistryLookupException e) {
            throw new FeatureStoreException(MaterializationErrorCode.VIEW_NOT_FOUND, e.getMessage(), e);
        } catch (RegistryUnavailableException e) {
            throw new FeatureStoreException(MaterializationErrorCode.REGISTRY_UNAVAILABLE, "The registry cannot be reached: %s".formatted(e.getMessage()), e);
        }
        if (!view.online()) {
            throw new FeatureStoreException(MaterializationErrorCode.VIEW_NOT_ONLINE,
                    "Feature view '%s' is no longer served online (online: false)".formatted(view.name()));
        }
        return view;
    }

    /**
     * Where the view's last successful run ended, else {@code end - ttl} (the epoch for a view without ttl); earlier
     * when data landed with older event timestamps; never after the end.
     */
    private Instant incrementalStart(Run run, ResolvedFeatureView view) {
        Instant end = run.window().end();
        Instant start = runs.watermark(run.project(), run.featureView())
                .orElseGet(() -> view.ttl().isZero() ? Instant.EPOCH : end.minus(view.ttl()));
        Optional<Instant> landed = run.window().startNoLaterThan();
        if (landed.isPresent() && landed.get().isBefore(start)) {
            start = landed.get();
        }
        return start.isAfter(end) ? end : start;
    }

    private void fail(Run run, Running local, Optional<Instant> start, Run.Failure failure, long started) {
        local.ending = true;
        long millis = elapsedMillis(started);
        CloudEvent<MaterializationFailed> event = CloudEvents.create(EventTypes.MATERIALIZATION_FAILED, EVENT_SOURCE,
                new MaterializationFailed(run.project(), run.featureView(), run.id().toString(), run.trigger().wireName(), start.orElse(null),
                        run.window().end(), failure.code(), failure.message(), failure.rowsRead(), millis));
        try {
            if (runs.fail(run.id(), owner(), start, failure, event)) {
                LOG.warn("Run {} of {} failed ({}): {}", run.id(), run.featureView(), failure.code(), failure.message());
            } else {
                LOG.warn("Run {} of {} was taken over by another instance; its failure here ({}) is dropped", run.id(), run.featureView(), failure.message());
            }
        } catch (RuntimeException e) {
            LOG.error("Run {} of {} failed ({}) and the failure could not be saved; it is started again after the lease timeout: {}",
                    run.id(), run.featureView(), failure.message(), e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        // Running runs stop at their next batch and go back to the queue for another instance (or this one, restarted).
        runner.close();
    }

    private static long elapsedMillis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** The run table as the runner's queue. */
    private final class RunQueue implements WorkRunner.Queue<Running> {
        @Override
        public Optional<WorkRunner.Claimed<Running>> claim(String owner) {
            return runs.claim(owner).map(run -> {
                Running local = new Running();
                return new WorkRunner.Claimed<>(run.id(), local, () -> execute(run, local));
            });
        }

        @Override
        public boolean heartbeat(UUID id, String owner, Running local) {
            // a run whose outcome is being saved is no longer running in the table
            return local.ending || runs.heartbeat(id, owner, local.phase(), local.rowsDone(), local.rowsTotal());
        }

        @Override
        public void cleanUp() {
            int deleted = runs.deleteFinishedBefore(Instant.now().minus(properties.runRetention()));
            if (deleted > 0) {
                LOG.info("Deleted {} runs finished more than {} ago", deleted, properties.runRetention());
            }
        }
    }

    /** The in-memory state of a run running here. */
    private static final class Running extends LocalWork implements RunListener {
        /** Set once the outcome is being saved: from then on the run is no longer running in the table. */
        private volatile boolean ending;

        @Override
        public boolean stopRequested() {
            return stopping();
        }
    }
}
