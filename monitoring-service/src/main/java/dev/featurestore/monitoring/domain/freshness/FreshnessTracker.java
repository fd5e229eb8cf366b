package dev.featurestore.monitoring.domain.freshness;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.FreshnessError;
import dev.featurestore.contracts.events.FreshnessRecovered;
import dev.featurestore.contracts.events.FreshnessRun;
import dev.featurestore.contracts.events.FreshnessViolated;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.contracts.events.MaterializationFailed;
import dev.featurestore.monitoring.domain.EventPublisher;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.ResolvedFeatureView;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each view's freshness and moves its state ({@link FreshnessRule}), publishing each transition's event in the
 * transaction that records it: a transition is committed with its one event or not at all, so a restart neither
 * repeats nor loses one, and the row lock makes concurrent evaluations of a view (events, checks, other instances)
 * see each other's transitions.
 */
@Singleton
public class FreshnessTracker {
    private static final Logger LOG = LoggerFactory.getLogger(FreshnessTracker.class);

    private final FreshnessStore store;
    private final EventPublisher publisher;
    private final FreshnessGauges gauges;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;

    public FreshnessTracker(FreshnessStore store, EventPublisher publisher, FreshnessGauges gauges, Clock clock,
            TransactionOperations<Connection> transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.store = requireNonNull(store, "store is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.gauges = requireNonNull(gauges, "gauges is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A run succeeded (the event's time is when): records it, then evaluates the view. */
    @Transactional
    public void onCompleted(CloudEvent<MaterializationCompleted> event) {
        MaterializationCompleted completed = event.data();
        store.ensure(completed.project(), completed.featureView(), clock.instant());
        store.recordSuccess(completed.project(), completed.featureView(),
                new FreshnessRun(completed.runId(), event.time(), completed.maxEventTimestamp()));
        evaluate(completed.project(), completed.featureView());
    }

    /** A run failed (the event's time is when): records it, then evaluates the view. */
    @Transactional
    public void onFailed(CloudEvent<MaterializationFailed> event) {
        MaterializationFailed failed = event.data();
        store.ensure(failed.project(), failed.featureView(), clock.instant());
        store.recordFailure(failed.project(), failed.featureView(),
                new FreshnessError(failed.runId(), event.time(), failed.errorCode(), failed.errorMessage()));
        evaluate(failed.project(), failed.featureView());
    }

    /**
     * The project's definitions as the registry has them now: each feature view's SLA, interval and online flag, and
     * the views it no longer has; then evaluates every view of the project that changed.
     */
    @Transactional
    public void onRegistry(ProjectRegistry registry) {
        Instant now = clock.instant();
        Set<String> present = new HashSet<>();
        for (ResolvedFeatureView view : registry.featureViews()) {
            present.add(view.name());
            store.ensure(registry.project(), view.name(), now);
            store.define(registry.project(), view.name(), view.online(), positive(view.freshnessSla()), positive(view.materializationInterval()));
            evaluate(registry.project(), view.name());
        }
        for (String name : store.definedNames(registry.project())) {
            if (!present.contains(name)) {
                store.undefine(registry.project(), name);
                evaluate(registry.project(), name);
                LOG.info("Feature view {}/{} is no longer in the registry; its freshness is no longer evaluated", registry.project(), name);
            }
        }
    }

    /** A project the registry no longer has: none of its views is evaluated any more. */
    @Transactional
    public void onProjectDeleted(String project) {
        for (String name : store.definedNames(project)) {
            store.undefine(project, name);
            evaluate(project, name);
        }
    }

    /**
     * A deleted project: none of its views is evaluated any more (a violated one recovers), then what was kept of the
     * views monitoring heard of before {@code deletedAt} is forgotten.
     *
     * @return how many views were forgotten
     */
    @Transactional
    public int forgetProject(String project, Instant deletedAt) {
        onProjectDeleted(project);
        return store.deleteProject(project, deletedAt);
    }

    /** Evaluates every online view and every view not {@code unknown}, each in its own transaction (and refreshes its gauge). */
    public int evaluateAll() {
        int transitions = 0;
        for (FreshnessStore.ViewKey key : store.toEvaluate()) {
            try {
                if (evaluateInTransaction(key.project(), key.featureView())) {
                    transitions++;
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not evaluate the freshness of {}/{}; trying again at the next check: {}", key.project(), key.featureView(),
                        e.getMessage(), e);
            }
        }
        return transitions;
    }

    private boolean evaluateInTransaction(String project, String featureView) {
        return transactions.executeWrite(status -> evaluate(project, featureView));
    }

    /** Where every defined view stands now, of one project or of all. */
    public List<ViewFreshness> list(Optional<String> project) {
        return store.defined(project);
    }

    public Optional<ViewFreshness> find(String project, String featureView) {
        return store.find(project, featureView).filter(ViewFreshness::defined);
    }

    private boolean evaluate(String project, String featureView) {
        Optional<ViewFreshness> locked = store.lock(project, featureView);
        if (locked.isEmpty()) {
            return false;
        }
        ViewFreshness view = locked.get();
        gauges.update(view);
        // what PostgreSQL keeps, so the event says what the state says
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<FreshnessRule.Transition> transition = FreshnessRule.transition(view, now);
        if (transition.isEmpty()) {
            return false;
        }
        FreshnessRule.Transition change = transition.get();
        store.changeState(project, featureView, change.state(), now,
                change.state() == FreshnessState.VIOLATED ? change.reason() : null);
        Long staleness = view.staleness(now).map(Duration::toSeconds).orElse(null);
        Long sla = view.freshnessSla() == null ? null : view.freshnessSla().toSeconds();
        switch (change.event()) {
            case VIOLATED -> {
                publisher.publish(project, CloudEvents.create(EventTypes.FRESHNESS_VIOLATED, EventPublisher.SOURCE, new FreshnessViolated(
                        project, featureView, change.reason(), sla, staleness, view.maxEventTimestamp(), now, view.lastRun(), view.lastError()), clock));
                LOG.warn("Feature view {}/{} violates its freshness SLA of {}: {} (staleness {}, last run {}, last error {})", project, featureView,
                        view.freshnessSla(), change.reason(), staleness == null ? "unknown" : Duration.ofSeconds(staleness),
                        view.lastRun() == null ? "none" : view.lastRun().runId(), view.lastError() == null ? "none" : view.lastError().errorMessage());
            }
            case RECOVERED -> {
                publisher.publish(project, CloudEvents.create(EventTypes.FRESHNESS_RECOVERED, EventPublisher.SOURCE, new FreshnessRecovered(
                        project, featureView, change.reason(), sla, staleness, view.maxEventTimestamp(), now, view.stateSince(), view.lastRun()), clock));
                LOG.info("Feature view {}/{} recovered ({}) after {} in violation", project, featureView, change.reason(),
                        Duration.between(view.stateSince(), now));
            }
            case NONE -> LOG.debug("Feature view {}/{} is now {}", project, featureView, change.state().wireName());
        }
        return true;
    }

    private static Duration positive(Optional<Duration> duration) {
        return duration.filter(value -> !value.isZero() && !value.isNegative()).orElse(null);
    }
}
