package dev.featurestore.monitoring.domain.statistics;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.DriftDetected;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.monitoring.config.MonitoringProperties;
import dev.featurestore.monitoring.domain.EventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the feature statistics each {@code materialization.completed} carries, computes their drift against the
 * view's previous run and its baseline ({@link PopulationStability}) for features with at least {@code drift-min-values}
 * non-null values on both sides, and publishes one {@code drift.detected} per run
 * whose PSI is above {@code drift-threshold} for any feature, in the transaction that stores the run. The view's first
 * run with statistics becomes its baseline until a user pins another.
 */
@Singleton
public class StatisticsRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsRecorder.class);

    private final StatisticsStore store;
    private final EventPublisher publisher;
    private final PopulationStability psi;
    private final double threshold;
    private final long minValues;
    private final Clock clock;

    public StatisticsRecorder(StatisticsStore store, EventPublisher publisher, MonitoringProperties properties, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.psi = new PopulationStability(properties.driftBins());
        this.threshold = properties.driftThreshold();
        this.minValues = properties.driftMinValues();
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Transactional
    public void onCompleted(CloudEvent<MaterializationCompleted> event) {
        MaterializationCompleted completed = event.data();
        if (completed.statistics() == null || completed.statistics().isEmpty()) {
            return;
        }
        Instant completedAt = event.time().truncatedTo(ChronoUnit.MICROS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Baseline baseline = store.pinIfAbsent(new Baseline(completed.project(), completed.featureView(), completed.runId(), now, "first_run"));
        Drift.Comparison previous = store.previous(completed.project(), completed.featureView(), completedAt)
                .map(run -> compare(run, completed.statistics()))
                .orElse(null);
        Drift.Comparison againstBaseline = baseline.runId().equals(completed.runId()) ? null
                : store.find(completed.project(), completed.featureView(), baseline.runId()).map(run -> compare(run, completed.statistics())).orElse(null);
        RunStatistics run = new RunStatistics(completed.project(), completed.featureView(), completed.runId(), completedAt, completed.startTimestamp(),
                completed.endTimestamp(), completed.rowsRead(), completed.entitiesWritten(), completed.maxEventTimestamp(), completed.statistics(),
                new Drift(previous, againstBaseline));
        if (!store.save(run)) {
            return;
        }
        List<DriftDetected.FeatureDrift> drifted = new ArrayList<>();
        drifted(previous, "previous", drifted);
        drifted(againstBaseline, "baseline", drifted);
        if (!drifted.isEmpty()) {
            drifted.sort((left, right) -> left.feature().equals(right.feature()) ? left.reference().compareTo(right.reference())
                    : left.feature().compareTo(right.feature()));
            publisher.publish(completed.project(), CloudEvents.create(EventTypes.DRIFT_DETECTED, EventPublisher.SOURCE,
                    new DriftDetected(completed.project(), completed.featureView(), completed.runId(), completedAt, threshold, drifted, now), clock));
            LOG.warn("Feature view {}/{}: run {} drifted (PSI above {}): {}", completed.project(), completed.featureView(), completed.runId(), threshold,
                    drifted.stream().map(drift -> "%s vs %s %.3f".formatted(drift.feature(), drift.reference(), drift.psi())).toList());
        }
    }

    private Drift.Comparison compare(RunStatistics reference, Map<String, FeatureStatistics> current) {
        Map<String, Double> features = new TreeMap<>();
        current.forEach((feature, statistics) -> {
            FeatureStatistics before = reference.statistics().get(feature);
            if (before != null && before.dtype().equals(statistics.dtype()) && values(before) >= minValues && values(statistics) >= minValues) {
                OptionalDouble index = psi.index(before, statistics);
                if (index.isPresent()) {
                    features.put(feature, index.getAsDouble());
                }
            }
        });
        return new Drift.Comparison(reference.runId(), features);
    }

    private static long values(FeatureStatistics statistics) {
        return statistics.count() - statistics.nullCount();
    }

    private void drifted(@Nullable Drift.Comparison comparison, String reference, List<DriftDetected.FeatureDrift> drifted) {
        if (comparison == null) {
            return;
        }
        comparison.features().forEach((feature, index) -> {
            if (index > threshold) {
                drifted.add(new DriftDetected.FeatureDrift(feature, reference, comparison.runId(), index));
            }
        });
    }
}
