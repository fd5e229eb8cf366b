package dev.featurestore.monitoring.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.monitoring.domain.statistics.Baseline;
import dev.featurestore.monitoring.domain.statistics.Drift;
import dev.featurestore.monitoring.domain.statistics.RunStatistics;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code GET /v1/features/{project}/{view}/statistics}: the latest run's statistics and drift, the baseline's, and the
 * history (the last completed first).
 *
 * @param threshold the PSI above which a feature counts as drifted
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatisticsResponse(
        String project,
        @JsonProperty("feature_view") String featureView,
        double threshold,
        @Nullable Run latest,
        @Nullable BaselineRun baseline,
        List<Run> history) {

    /**
     * One run's statistics.
     *
     * @param features per feature (only those asked for); sketches only when asked for
     * @param drift PSI per feature against the previous run and the baseline, when the run arrived
     * @param drifted features whose PSI against either is above the threshold
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Run(
            @JsonProperty("run_id") String runId,
            @JsonProperty("completed_at") Instant completedAt,
            @JsonProperty("start_ts") @Nullable Instant startTimestamp,
            @JsonProperty("end_ts") Instant endTimestamp,
            @JsonProperty("rows_read") long rowsRead,
            @JsonProperty("entities_written") long entitiesWritten,
            @JsonProperty("max_event_timestamp") @Nullable Instant maxEventTimestamp,
            Map<String, FeatureStatistics> features,
            Drift drift,
            List<String> drifted) {

        static Run of(RunStatistics run, Predicate<String> wanted, boolean sketches, double threshold) {
            Map<String, FeatureStatistics> features = new TreeMap<>();
            run.statistics().forEach((name, statistics) -> {
                if (wanted.test(name)) {
                    features.put(name, sketches ? statistics : withoutSketch(statistics));
                }
            });
            Drift drift = new Drift(only(run.drift().previous(), wanted), only(run.drift().baseline(), wanted));
            List<String> drifted = features.keySet().stream()
                    .filter(name -> above(drift.previous(), name, threshold) || above(drift.baseline(), name, threshold))
                    .toList();
            return new Run(run.runId(), run.completedAt(), run.startTimestamp(), run.endTimestamp(), run.rowsRead(), run.entitiesWritten(),
                    run.maxEventTimestamp(), features, drift, drifted);
        }

        private static FeatureStatistics withoutSketch(FeatureStatistics statistics) {
            return new FeatureStatistics(statistics.dtype(), statistics.count(), statistics.nullCount(), statistics.min(), statistics.max(),
                    statistics.mean(), statistics.stddev(), statistics.quantiles(), null, statistics.frequentItems());
        }

        private static Drift.Comparison only(@Nullable Drift.Comparison comparison, Predicate<String> wanted) {
            if (comparison == null) {
                return null;
            }
            Map<String, Double> features = new TreeMap<>();
            comparison.features().forEach((name, index) -> {
                if (wanted.test(name)) {
                    features.put(name, index);
                }
            });
            return new Drift.Comparison(comparison.runId(), features);
        }

        private static boolean above(@Nullable Drift.Comparison comparison, String feature, double threshold) {
            return comparison != null && comparison.features().getOrDefault(feature, 0.0) > threshold;
        }
    }

    /**
     * The baseline run.
     *
     * @param pinnedBy {@code first_run} or {@code user}
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BaselineRun(
            @JsonProperty("run_id") String runId,
            @JsonProperty("pinned_at") Instant pinnedAt,
            @JsonProperty("pinned_by") String pinnedBy,
            @Nullable Run run) {

        static BaselineRun of(Baseline baseline, @Nullable Run run) {
            return new BaselineRun(baseline.runId(), baseline.pinnedAt(), baseline.pinnedBy(), run);
        }
    }
}
