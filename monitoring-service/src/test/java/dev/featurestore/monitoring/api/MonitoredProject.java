package dev.featurestore.monitoring.api;

import static dev.featurestore.monitoring.MonitoringInstance.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A project of the webhook tests as a monitoring instance knows it: one online view {@code hourly} with a freshness
 * SLA of 2h, runs that violate it and that recover it, and its webhooks' delivery logs.
 */
final class MonitoredProject {
    private static final String DEFINITIONS = """
            {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
             "data_sources": [{"name": "stats", "type": "parquet", "path": "s3://b/stats/", "timestamp_field": "event_timestamp"}],
             "feature_views": [
               {"name": "hourly", "entities": ["driver"], "source": "stats", "ttl": "1d", "online": true, "freshness_sla": "2h",
                "materialization_interval": "1h", "schema": [{"name": "trips", "dtype": "INT64"}]}]}
            """;

    private MonitoredProject() {
    }

    /** A new project name starting with the prefix. */
    static String newName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** Puts the project in the instance's registry, publishes its change, and waits until the instance knows the view. */
    static void define(MonitoringInstance instance, String project, long registryVersion) {
        instance.registry().put(project, DEFINITIONS);
        publish(EventTypes.REGISTRY_OBJECT_CHANGED, new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "hourly", ChangeAction.CREATED, 1,
                registryVersion, List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> instance.http().get("/v1/freshness/%s/hourly".formatted(project)).status() == 200);
    }

    /** A run whose newest value is 3h old, older than the SLA: {@code freshness.violated}. */
    static void staleRun(String project, Map<String, FeatureStatistics> statistics) {
        run(project, Duration.ofHours(3), statistics);
    }

    /** A run whose newest value is a minute old: {@code freshness.recovered} after a violation. */
    static void freshRun(String project) {
        run(project, Duration.ofMinutes(1), Map.of());
    }

    /** The webhook's delivery log, newest first. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> deliveries(MonitoringInstance instance, String webhookId) {
        RawHttp.Answer answer = instance.http().get("/v1/webhooks/%s/deliveries".formatted(webhookId));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return (List<Map<String, Object>>) answer.json().get("deliveries");
    }

    /** The webhook's newest delivery, empty when it has none. */
    static Map<String, Object> lastDelivery(MonitoringInstance instance, String webhookId) {
        List<Map<String, Object>> deliveries = deliveries(instance, webhookId);
        return deliveries.isEmpty() ? Map.of() : deliveries.get(0);
    }

    private static void run(String project, Duration age, Map<String, FeatureStatistics> statistics) {
        Instant now = TestClock.shared().instant();
        publish(EventTypes.MATERIALIZATION_COMPLETED, new MaterializationCompleted(project, "hourly", UUID.randomUUID().toString(), "schedule",
                now.minus(4, ChronoUnit.HOURS), now, 10L, 1L, 0L, 0L, now.minus(age), 10L, statistics, null));
    }
}
