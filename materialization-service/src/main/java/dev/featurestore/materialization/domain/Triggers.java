package dev.featurestore.materialization.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.KafkaSource;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.DataLanded;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.materialization.domain.run.RunWindow;
import dev.featurestore.materialization.domain.run.Runs;
import dev.featurestore.materialization.domain.run.Trigger;
import dev.featurestore.materialization.domain.stream.StreamSources;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.ResolvedFeatureView;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What starts runs without a request:
 * <ul>
 * <li>{@code data.landed} for a source: an incremental run, up to now (or the landed data's greatest event
 *     timestamp, if later), of every online view reading that source offline, starting no later than the landed
 *     data's smallest event timestamp (late data is not skipped);</li>
 * <li>{@code registry.object.changed}: a backfill of the last ttl ({@code [now - ttl, now]}; the epoch when the ttl
 *     is 0) of an online view that was created, became online, or changed its source, schema or entities, and of the
 *     online views reading a data source whose path, timestamps or field mapping changed; and the project's schedule
 *     rebuilt from the registry;</li>
 * <li>the project's kafka sources, which the stream consumer ingests, rebuilt from the registry on every change;</li>
 * <li>{@code registry.object.changed} of kind {@code project}, action {@code deleted}: everything the service holds of
 *     the project is forgotten, so that a project re-created under the same name starts clean: its online records
 *     (deleted from the online store), watermarks, schedule and kafka sources; its queued and running runs are
 *     cancelled (a running run stops at its next heartbeat and does not move a watermark);</li>
 * <li>the schedule: an incremental run of each online view with a {@code materialization_interval} whose watermark
 *     is older than that interval and that has no run queued or running.</li>
 * </ul>
 * Incremental runs a trigger asks for while one is still queued for the view are folded into it.
 */
@Singleton
public class Triggers {
    private static final Logger LOG = LoggerFactory.getLogger(Triggers.class);
    /** Diff paths (their first segment) of a feature view whose change asks for a backfill. */
    private static final Set<String> VIEW_BACKFILL_FIELDS = Set.of("source", "schema", "entities", "online");
    /** Diff paths of a data source whose change asks for a backfill of the views reading it. */
    private static final Set<String> SOURCE_BACKFILL_FIELDS = Set.of("path", "timestamp_field", "created_timestamp_column", "field_mapping", "batch_source");

    /** How long deleting a deleted project's online records may take before the event is retried. */
    private static final Duration ONLINE_DELETE_TIMEOUT = Duration.ofMinutes(2);

    private final RegistryClient registry;
    private final Runs runs;
    private final StreamSources streamSources;
    private final RunRunner runner;
    private final OnlineStore onlineStore;
    private final Clock clock;

    @Inject
    public Triggers(RegistryClient registry, Runs runs, StreamSources streamSources, RunRunner runner, OnlineStore onlineStore) {
        this(registry, runs, streamSources, runner, onlineStore, Clock.systemUTC());
    }

    Triggers(RegistryClient registry, Runs runs, StreamSources streamSources, RunRunner runner, OnlineStore onlineStore, Clock clock) {
        this.registry = requireNonNull(registry, "registry is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.streamSources = requireNonNull(streamSources, "streamSources is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.onlineStore = requireNonNull(onlineStore, "onlineStore is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Queues incremental runs of the online views reading the landed source. Unknown projects and sources are skipped (logged). */
    public void onDataLanded(DataLanded landed) {
        Optional<ProjectRegistry> projectRegistry = project(landed.project(), "data.landed for source " + landed.source());
        if (projectRegistry.isEmpty()) {
            return;
        }
        List<ResolvedFeatureView> views = projectRegistry.get().featureViewsFedBy(landed.source()).stream()
                .filter(view -> view.offlineSource().name().equals(landed.source()) && view.online())
                .toList();
        if (views.isEmpty()) {
            LOG.info("data.landed for source {} of project {}: no online feature view reads it", landed.source(), landed.project());
            return;
        }
        Instant now = clock.instant();
        Instant end = landed.maxEventTimestamp() != null && landed.maxEventTimestamp().isAfter(now) ? landed.maxEventTimestamp() : now;
        for (ResolvedFeatureView view : views) {
            UUID run = runs.enqueueIncremental(landed.project(), view.name(), Trigger.DATA_LANDED,
                    RunWindow.incremental(end, Optional.ofNullable(landed.minEventTimestamp())));
            LOG.info("data.landed for source {} of project {} ({}): incremental run {} of {} up to {}",
                    landed.source(), landed.project(), landed.uris(), run, view.name(), end);
        }
        runner.wake();
    }

    /** Backfills what the change asks for, and rebuilds the project's schedule. */
    public void onRegistryChange(RegistryObjectChanged changed) {
        registry.onRegistryChange(changed.project(), changed.registryVersion());
        if (changed.kind() == ObjectKind.PROJECT && changed.action() == ChangeAction.DELETED) {
            forgetProject(changed.project());
            return;
        }
        Optional<ProjectRegistry> projectRegistry = project(changed.project(), "registry change of %s %s".formatted(changed.kind().wireName(), changed.name()));
        if (projectRegistry.isEmpty()) {
            return;
        }
        if (projectRegistry.get().registryVersion() < changed.registryVersion()) {
            LOG.warn("Registry change {} of project {} is newer than the registry answered ({}); acting on what it answered",
                    changed.registryVersion(), changed.project(), projectRegistry.get().registryVersion());
        }
        rebuildSchedule(projectRegistry.get());
        rebuildStreamSources(projectRegistry.get());
        List<ResolvedFeatureView> backfill = backfills(projectRegistry.get(), changed);
        Instant now = clock.instant();
        for (ResolvedFeatureView view : backfill) {
            Instant start = view.ttl().isZero() ? Instant.EPOCH : now.minus(view.ttl());
            UUID id = UUID.randomUUID();
            runs.create(List.of(new Runs.NewRun(id, changed.project(), view.name(), Trigger.REGISTRY_CHANGE, RunWindow.full(start, now))));
            LOG.info("Registry change ({} {} {}) of project {}: backfill run {} of {} from {} to {}", changed.kind().wireName(), changed.name(),
                    changed.action().wireName(), changed.project(), id, view.name(), start, now);
        }
        if (!backfill.isEmpty()) {
            runner.wake();
        }
    }

    /** Queues incremental runs of the scheduled views that are due (one instance at a time does this). */
    @Transactional
    public int queueDueScheduledRuns() {
        List<Runs.ScheduledView> due = runs.dueViews();
        Instant now = clock.instant();
        for (Runs.ScheduledView view : due) {
            UUID run = runs.enqueueIncremental(view.project(), view.featureView(), Trigger.SCHEDULE, RunWindow.incremental(now));
            LOG.info("Scheduled incremental run {} of {} of project {} up to {}", run, view.featureView(), view.project(), now);
        }
        if (!due.isEmpty()) {
            runner.wake();
        }
        return due.size();
    }

    /**
     * Forgets a deleted project: its online records first (a failure leaves the rest untouched, and the event is
     * retried), then its schedule, watermarks, kafka sources and open runs, in the caller's transaction.
     */
    private void forgetProject(String project) {
        long records = onlineStore.deleteProject(project).orTimeout(ONLINE_DELETE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        Runs.ForgottenProject forgotten = runs.forgetProject(project);
        streamSources.replace(project, Map.of());
        LOG.info("Project {} was deleted: {} online record(s), {} watermark(s) and {} scheduled view(s) deleted, {} open run(s) cancelled, "
                + "its kafka sources no longer ingested", project, records, forgotten.watermarks(), forgotten.scheduledViews(), forgotten.cancelledRuns());
    }

    private void rebuildSchedule(ProjectRegistry projectRegistry) {
        Map<String, Duration> intervals = new LinkedHashMap<>();
        for (ResolvedFeatureView view : projectRegistry.featureViews()) {
            if (view.online()) {
                view.materializationInterval().filter(interval -> !interval.isZero() && !interval.isNegative())
                        .ifPresent(interval -> intervals.put(view.name(), interval));
            }
        }
        runs.replaceSchedule(projectRegistry.project(), intervals);
    }

    private void rebuildStreamSources(ProjectRegistry projectRegistry) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (DataSource source : projectRegistry.snapshot().document().dataSourcesOrEmpty()) {
            if (source instanceof KafkaSource kafka) {
                topics.put(kafka.name(), kafka.topic());
            }
        }
        streamSources.replace(projectRegistry.project(), topics);
    }

    private static List<ResolvedFeatureView> backfills(ProjectRegistry projectRegistry, RegistryObjectChanged changed) {
        if (changed.action() == ChangeAction.DELETED) {
            return List.of();
        }
        if (changed.kind() == ObjectKind.FEATURE_VIEW) {
            boolean asked = changed.action() == ChangeAction.CREATED || touches(changed.diffs(), VIEW_BACKFILL_FIELDS);
            return projectRegistry.featureViews().stream()
                    .filter(view -> asked && view.name().equals(changed.name()) && view.online())
                    .toList();
        }
        if (changed.kind() == ObjectKind.DATA_SOURCE && changed.action() == ChangeAction.UPDATED && touches(changed.diffs(), SOURCE_BACKFILL_FIELDS)) {
            return projectRegistry.featureViewsFedBy(changed.name()).stream()
                    .filter(view -> view.online() && (view.offlineSource().name().equals(changed.name()) || view.source().name().equals(changed.name())))
                    .toList();
        }
        return List.of();
    }

    /** Whether a diff ({@code path: old -> new}) starts with one of the fields. */
    private static boolean touches(List<String> diffs, Set<String> fields) {
        return diffs.stream().map(diff -> diff.split("[.:\\[]", 2)[0].trim()).anyMatch(fields::contains);
    }

    private Optional<ProjectRegistry> project(String project, String what) {
        try {
            return Optional.of(registry.registry(project));
        } catch (RegistryLookupException e) {
            LOG.warn("{} of project {} skipped: {}", what, project, e.getMessage());
            return Optional.empty();
        }
    }
}
