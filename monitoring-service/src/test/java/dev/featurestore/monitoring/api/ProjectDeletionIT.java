package dev.featurestore.monitoring.api;

import static dev.featurestore.monitoring.MonitoringInstance.events;
import static dev.featurestore.monitoring.MonitoringInstance.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.events.FreshnessRecovered;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.monitoring.MonitoringInstance;
import dev.featurestore.runtime.testing.RawHttp;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A project deleted in the registry ({@code registry.object.changed}, kind project, action deleted, on the real
 * topic) leaves nothing in monitoring: its webhooks and their pending deliveries, its views' freshness and its runs'
 * statistics are gone, so the project created again under its name starts clean.
 */
class ProjectDeletionIT {
    private final String project = MonitoredProject.newName("deleted");
    private final String other = MonitoredProject.newName("kept");
    private MonitoringInstance instance;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.failing(Integer.MAX_VALUE, 503);
        // a failed attempt waits an hour: the deliveries stay pending
        instance = MonitoringInstance.start(Map.of(
                "featurestore.monitoring.webhook-initial-backoff", "1h",
                "featurestore.monitoring.webhook-max-backoff", "1h",
                "featurestore.monitoring.webhook-poll-interval", "100ms",
                "featurestore.monitoring.webhooks.allow-http", "true",
                "featurestore.monitoring.webhooks.allowed-networks", "127.0.0.1/32"));
        for (String name : List.of(project, other)) {
            define(name, 1);
        }
    }

    @AfterEach
    void stop() {
        instance.close();
        receiver.close();
    }

    @Test
    void deletedProjectLeavesNothingAndStartsCleanWhenCreatedAgain() {
        String webhook = createWebhook(project);
        String otherWebhook = createWebhook(other);
        for (String name : List.of(project, other)) {
            staleRunWithStatistics(name);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "violated".equals(freshness(project).at("state"))
                && "violated".equals(freshness(other).at("state")));
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(webhook).size() == 1 && deliveries(otherWebhook).size() == 1);
        assertThat(deliveries(webhook).get(0)).containsEntry("state", "pending");
        assertThat(statistics(project).at("latest")).isNotNull();

        instance.registry().delete(project);
        publish(EventTypes.REGISTRY_OBJECT_CHANGED, new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "hourly", ChangeAction.DELETED, 2, 2,
                List.of()));
        publish(EventTypes.REGISTRY_OBJECT_CHANGED, new RegistryObjectChanged(project, ObjectKind.PROJECT, project, ChangeAction.DELETED, 2, 2,
                List.of()));

        await().atMost(Duration.ofSeconds(30)).until(() -> instance.http().get("/v1/webhooks/" + webhook).status() == 404);
        // the view's deletion may be handled first: its freshness.recovered then reaches the webhook, still there
        int received = receiver.bodies.size();
        assertThat(instance.http().get("/v1/webhooks?project=" + project).at("webhooks")).isEqualTo(List.of());
        assertThat(freshness(project).status()).isEqualTo(404);
        // the recovery is published through the outbox: it reaches the topic shortly after the deletion
        await().atMost(Duration.ofSeconds(30)).until(() -> !events(EventTypes.FRESHNESS_RECOVERED, project, "hourly").isEmpty());
        List<FreshnessRecovered> recovered = events(EventTypes.FRESHNESS_RECOVERED, project, "hourly").stream().map(event -> event.data()).toList();
        assertThat(recovered).extracting(FreshnessRecovered::reason).containsExactly("view_deleted");

        // the other project keeps everything
        assertThat(freshness(other).at("state")).isEqualTo("violated");
        assertThat(deliveries(otherWebhook)).hasSize(1);
        assertThat(statistics(other).at("latest")).isNotNull();

        define(project, 3);

        RawHttp.Answer again = freshness(project);
        assertThat(again.at("state")).isEqualTo("unknown");
        assertThat(again.at("last_run")).isNull();
        assertThat(again.at("max_event_timestamp")).isNull();
        assertThat(statistics(project).at("latest")).isNull();
        assertThat(statistics(project).at("history")).isEqualTo(List.of());
        assertThat(instance.http().get("/v1/webhooks?project=" + project).at("webhooks")).isEqualTo(List.of());
        assertThat(receiver.bodies).hasSize(received);
    }

    private void define(String name, long registryVersion) {
        MonitoredProject.define(instance, name, registryVersion);
    }

    /** A run older than the SLA, with statistics of one feature. */
    private static void staleRunWithStatistics(String name) {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        sketch.update(3.0);
        MonitoredProject.staleRun(name, Map.of("trips", new FeatureStatistics("INT64", 1, 0, 3.0, 3.0, 3.0, 0.0,
                List.of(new FeatureStatistics.Quantile(0.5, 3.0)), Base64.getEncoder().encodeToString(sketch.toByteArray()), null)));
    }

    private String createWebhook(String name) {
        RawHttp.Answer answer = instance.http().send("POST", "/v1/webhooks", "application/json", """
                {"project": "%s", "url": "%s"}""".formatted(name, receiver.url() + "/" + name));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return (String) answer.at("id");
    }

    private RawHttp.Answer freshness(String name) {
        return instance.http().get("/v1/freshness/%s/hourly".formatted(name));
    }

    private RawHttp.Answer statistics(String name) {
        RawHttp.Answer answer = instance.http().get("/v1/features/%s/hourly/statistics".formatted(name));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private List<Map<String, Object>> deliveries(String webhookId) {
        return MonitoredProject.deliveries(instance, webhookId);
    }
}
