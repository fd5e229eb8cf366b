package dev.featurestore.monitoring.api;

import static dev.featurestore.monitoring.MonitoringInstance.events;
import static dev.featurestore.monitoring.MonitoringInstance.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.DriftDetected;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.monitoring.MonitoringInstance;
import dev.featurestore.monitoring.TestClock;
import dev.featurestore.runtime.testing.RawHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Statistics of materialization runs through the running service: stored with their history, compared with the
 * previous run and the baseline, drift published once per drifted run, the baseline pinned by a user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatisticsIT {
    private static final String DEFINITIONS = """
            {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
             "data_sources": [{"name": "stats", "type": "parquet", "path": "s3://b/stats/", "timestamp_field": "event_timestamp"}],
             "feature_views": [
               {"name": "trips", "entities": ["driver"], "source": "stats", "ttl": "1d", "online": true,
                "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "city", "dtype": "STRING"}]},
               {"name": "sparse", "entities": ["driver"], "source": "stats", "ttl": "1d", "online": true,
                "schema": [{"name": "trips", "dtype": "INT64"}]}]}
            """;

    private final String project = "statistics_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Random random = new Random(11);
    private final String first = UUID.randomUUID().toString();
    private final String second = UUID.randomUUID().toString();
    private final String third = UUID.randomUUID().toString();
    private MonitoringInstance instance;

    @BeforeAll
    void startAndMaterializeThreeRuns() {
        instance = MonitoringInstance.start(Map.of());
        instance.registry().put(project, DEFINITIONS);
        publish(EventTypes.REGISTRY_OBJECT_CHANGED, new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "trips", ChangeAction.CREATED, 1, 1,
                List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> instance.http().get("/v1/freshness/%s/trips".formatted(project)).status() == 200);

        completed(first, Map.of("conv_rate", numeric(random::nextDouble), "city", city(500, 300, 200)));
        awaitRuns(1);
        completed(second, Map.of("conv_rate", numeric(random::nextDouble), "city", city(500, 300, 200)));
        awaitRuns(2);
        // the third run's values crowd into the lower half, and its cities swap places
        CloudEvent<MaterializationCompleted> drifted = completed(third, Map.of(
                "conv_rate", numeric(() -> random.nextDouble() < 0.9 ? random.nextDouble() * 0.5 : 0.5 + random.nextDouble() * 0.5),
                "city", city(200, 300, 500)));
        awaitRuns(3);
        publish(drifted);
    }

    @AfterAll
    void stop() {
        instance.close();
    }

    @Test
    @Order(1)
    void runsAreKeptWithTheirDriftAgainstThePreviousRunAndTheFirstRunAsBaseline() {
        RawHttp.Answer answer = get("");

        assertThat(answer.at("latest.run_id")).isEqualTo(third);
        assertThat(answer.at("baseline.run_id")).isEqualTo(first);
        assertThat(answer.at("baseline.pinned_by")).isEqualTo("first_run");
        assertThat(answer.at("baseline.run.run_id")).isEqualTo(first);
        assertThat(history(answer)).extracting(run -> run.get("run_id")).containsExactly(third, second, first);
        assertThat(answer.at("latest.features.conv_rate.count")).isEqualTo(100_000);
        assertThat(answer.at("latest.features.conv_rate.kll_sketch")).isNull();
        assertThat(answer.at("latest.features.city.frequent_items")).isNotNull();

        Map<String, Object> secondRun = history(answer).get(1);
        assertThat(number(secondRun, "drift", "previous", "features", "conv_rate")).isLessThan(0.01);
        assertThat(number(secondRun, "drift", "previous", "features", "city")).isCloseTo(0.0, within(1e-9));
        assertThat(path(secondRun, "drift", "previous", "run_id")).isEqualTo(first);
        assertThat(secondRun.get("drifted")).isEqualTo(List.of());
        assertThat(path(history(answer).get(2), "drift", "previous")).isNull();

        // 90 % of the values in the reference's lower five deciles: 5 * 0.08 * ln(1.8) - 5 * 0.08 * ln(0.2) = 0.879
        assertThat(((Number) answer.at("latest.drift.previous.features.conv_rate")).doubleValue()).isCloseTo(0.879, within(0.05));
        assertThat(((Number) answer.at("latest.drift.baseline.features.city")).doubleValue())
                .isCloseTo(-0.3 * Math.log(0.4) + 0.3 * Math.log(2.5), within(1e-9));
        assertThat(answer.at("latest.drifted")).isEqualTo(List.of("city", "conv_rate"));
    }

    @Test
    void aDriftedRunPublishesOneDriftDetectedNamingEachFeatureAndReference() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !events(EventTypes.DRIFT_DETECTED, project, "trips").isEmpty());
        List<CloudEvent<DriftDetected>> drifts = events(EventTypes.DRIFT_DETECTED, project, "trips");

        assertThat(drifts.stream().map(CloudEvent::id).distinct()).hasSize(1);
        DriftDetected drift = drifts.get(0).data();
        assertThat(drift.runId()).isEqualTo(third);
        assertThat(drift.threshold()).isEqualTo(0.2);
        assertThat(drift.features()).extracting(DriftDetected.FeatureDrift::feature, DriftDetected.FeatureDrift::reference,
                DriftDetected.FeatureDrift::referenceRunId).containsExactly(
                        Tuple.tuple("city", "baseline", first),
                        Tuple.tuple("city", "previous", second),
                        Tuple.tuple("conv_rate", "baseline", first),
                        Tuple.tuple("conv_rate", "previous", second));
        assertThat(drift.features()).allSatisfy(feature -> assertThat(feature.psi()).isGreaterThan(0.2));
        MonitoringInstance.assertReadableByCloudEventsSdk(EventTypes.DRIFT_DETECTED, project, "trips");
    }

    @Test
    void oneFeatureAndTheSketchesCanBeAskedFor() {
        RawHttp.Answer answer = get("?feature=conv_rate&limit=2&sketches=true");

        assertThat(history(answer)).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> features = (Map<String, Object>) answer.at("latest.features");
        assertThat(features).containsOnlyKeys("conv_rate");
        assertThat((String) answer.at("latest.features.conv_rate.kll_sketch")).isNotBlank();
        assertThat(answer.at("latest.drifted")).isEqualTo(List.of("conv_rate"));
    }

    @Test
    @Order(2)
    void aUserPinsAnotherBaselineAndBadPinsAreRefused() {
        RawHttp.Answer unknownRun = put("{\"run_id\": \"%s\"}".formatted(UUID.randomUUID()));
        assertThat(unknownRun.status()).isEqualTo(404);
        assertThat(unknownRun.at("code")).isEqualTo("STATISTICS_NOT_FOUND");
        RawHttp.Answer noRun = put("{}");
        assertThat(noRun.status()).isEqualTo(400);
        assertThat(noRun.body()).contains("run_id");

        RawHttp.Answer pinned = put("{\"run_id\": \"%s\"}".formatted(second));
        assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);
        assertThat(pinned.at("baseline.run_id")).isEqualTo(second);
        assertThat(pinned.at("baseline.pinned_by")).isEqualTo("user");
        assertThat(get("").at("baseline.run_id")).isEqualTo(second);

        RawHttp.Answer unknownView = instance.http().get("/v1/features/%s/no_such_view/statistics".formatted(project));
        assertThat(unknownView.status()).isEqualTo(404);
        assertThat(unknownView.at("code")).isEqualTo("VIEW_NOT_FOUND");
    }

    @Test
    void runsOfFewValuesOrNoneAreKeptButNotCompared() {
        String one = UUID.randomUUID().toString();
        String none = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        completed("sparse", one, Map.of("trips", single(1)));
        completed("sparse", none, Map.of("trips", new FeatureStatistics("INT64", 0, 0, null, null, null, null, null, null, null)));
        completed("sparse", other, Map.of("trips", single(2)));

        await().atMost(Duration.ofSeconds(30)).until(() -> history(get("sparse", "")).size() == 3);
        RawHttp.Answer answer = get("sparse", "");
        assertThat(answer.at("latest.run_id")).isEqualTo(other);
        assertThat(answer.at("baseline.run_id")).isEqualTo(one);
        // a single 1 against a single 2 would be all change; below drift-min-values (100) values it is not compared
        assertThat(answer.at("latest.drift.previous.run_id")).isEqualTo(none);
        assertThat(answer.at("latest.drift.previous.features")).isEqualTo(Map.of());
        assertThat(answer.at("latest.drift.baseline.features")).isEqualTo(Map.of());
        assertThat(answer.at("latest.drifted")).isEqualTo(List.of());
        assertThat(events(EventTypes.DRIFT_DETECTED, project, "sparse")).isEmpty();
    }

    private CloudEvent<MaterializationCompleted> completed(String runId, Map<String, FeatureStatistics> statistics) {
        return completed("trips", runId, statistics);
    }

    private CloudEvent<MaterializationCompleted> completed(String view, String runId, Map<String, FeatureStatistics> statistics) {
        TestClock.shared().advance(Duration.ofSeconds(1));
        Instant now = TestClock.shared().instant();
        return publish(EventTypes.MATERIALIZATION_COMPLETED, new MaterializationCompleted(project, view, runId, "schedule", now.minus(1, ChronoUnit.HOURS),
                now, 100_000L, 1_000L, 0L, 0L, now.minus(1, ChronoUnit.MINUTES), 100L, statistics, null));
    }

    private static FeatureStatistics single(double value) {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        sketch.update(value);
        return new FeatureStatistics("INT64", 1, 0, value, value, value, 0.0, List.of(new FeatureStatistics.Quantile(0.5, value)),
                Base64.getEncoder().encodeToString(sketch.toByteArray()), null);
    }

    private void awaitRuns(int runs) {
        await().atMost(Duration.ofSeconds(30)).until(() -> history(get("")).size() == runs);
    }

    private RawHttp.Answer get(String query) {
        return get("trips", query);
    }

    private RawHttp.Answer get(String view, String query) {
        RawHttp.Answer answer = instance.http().get("/v1/features/%s/%s/statistics%s".formatted(project, view, query));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private RawHttp.Answer put(String body) {
        return instance.http().send("PUT", "/v1/features/%s/trips/statistics/baseline".formatted(project), "application/json", body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(RawHttp.Answer answer) {
        return (List<Map<String, Object>>) answer.json().get("history");
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> next)) {
                return null;
            }
            current = ((Map<String, Object>) next).get(key);
        }
        return current;
    }

    private static double number(Map<String, Object> map, String... keys) {
        return ((Number) path(map, keys)).doubleValue();
    }

    private static FeatureStatistics numeric(DoubleSupplier values) {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        for (int i = 0; i < 100_000; i++) {
            sketch.update(values.getAsDouble());
        }
        return new FeatureStatistics("FLOAT64", 100_000, 0, sketch.getMinItem(), sketch.getMaxItem(), 0.5, 0.29, null,
                Base64.getEncoder().encodeToString(sketch.toByteArray()), null);
    }

    private static FeatureStatistics city(long berlin, long paris, long rome) {
        return new FeatureStatistics("STRING", 1_000, 0, null, null, null, null, null, null, List.of(
                new FeatureStatistics.FrequentItem("berlin", berlin), new FeatureStatistics.FrequentItem("paris", paris),
                new FeatureStatistics.FrequentItem("rome", rome)));
    }
}
