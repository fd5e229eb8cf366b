package dev.featurestore.monitoring.api;

import static dev.featurestore.monitoring.MonitoringInstance.events;
import static dev.featurestore.monitoring.MonitoringInstance.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.FreshnessViolated;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.monitoring.MonitoringInstance;
import dev.featurestore.monitoring.TestClock;
import dev.featurestore.monitoring.domain.webhook.WebhookStore;
import dev.featurestore.runtime.testing.RawHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against local HTTP receivers: one that fails at first gets the event after retries, signed, with one
 * delivery id; one that always fails ends as a failed delivery in the log; one that wants other event types gets none.
 */
class WebhookIT {
    private static final String SECRET = "s3cret";
    private static final String DEFINITIONS = """
            {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
             "data_sources": [{"name": "stats", "type": "parquet", "path": "s3://b/stats/", "timestamp_field": "event_timestamp"}],
             "feature_views": [
               {"name": "hourly", "entities": ["driver"], "source": "stats", "ttl": "1d", "online": true, "freshness_sla": "2h",
                "materialization_interval": "1h", "schema": [{"name": "trips", "dtype": "INT64"}]}]}
            """;

    private final String project = "webhooks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Receiver flaky = new Receiver(2, 500);
    private final Receiver broken = new Receiver(Integer.MAX_VALUE, 503);
    private final Receiver other = new Receiver(0, 200);
    private MonitoringInstance instance;

    @BeforeEach
    void start() throws IOException {
        flaky.start();
        broken.start();
        other.start();
        instance = MonitoringInstance.start(Map.of(
                "featurestore.monitoring.webhook-initial-backoff", "200ms",
                "featurestore.monitoring.webhook-max-backoff", "400ms",
                "featurestore.monitoring.webhook-max-attempts", "3",
                "featurestore.monitoring.webhook-poll-interval", "100ms"));
        instance.registry().put(project, DEFINITIONS);
        publish(EventTypes.REGISTRY_OBJECT_CHANGED, new RegistryObjectChanged(project, ObjectKind.FEATURE_VIEW, "hourly", ChangeAction.CREATED, 1, 1,
                List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> instance.http().get("/v1/freshness/%s/hourly".formatted(project)).status() == 200);
    }

    @AfterEach
    void stop() {
        instance.close();
        flaky.stop();
        broken.stop();
        other.stop();
    }

    @Test
    void eventsReachWebhooksAfterRetriesSignedAndFailedDeliveriesAreLogged() throws Exception {
        String flakyId = create("""
                {"project": "%s", "url": "%s", "secret": "%s", "description": "pager"}""".formatted(project, flaky.url(), SECRET));
        String brokenId = create("""
                {"project": "%s", "url": "%s", "event_types": ["freshness.violated"]}""".formatted(project, broken.url()));
        String otherId = create("""
                {"project": "%s", "url": "%s", "event_types": ["drift.detected"]}""".formatted(project, other.url()));

        Instant now = TestClock.shared().instant();
        publish(EventTypes.MATERIALIZATION_COMPLETED, new MaterializationCompleted(project, "hourly", UUID.randomUUID().toString(), "schedule",
                now.minus(4, ChronoUnit.HOURS), now, 10L, 1L, 0L, 0L, now.minus(3, ChronoUnit.HOURS), 10L, Map.of(), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.bodies.size() >= 3);
        CloudEvent<FreshnessViolated> onKafka = events(EventTypes.FRESHNESS_VIOLATED, project, "hourly").get(0);
        assertThat(flaky.bodies).hasSize(3).allSatisfy(body -> assertThat(body).isEqualTo(flaky.bodies.get(0)));
        CloudEvent<FreshnessViolated> received = CloudEvents.fromJson(flaky.bodies.get(0), EventTypes.FRESHNESS_VIOLATED);
        assertThat(received.id()).isEqualTo(onKafka.id());
        assertThat(received.data()).isEqualTo(onKafka.data());
        assertThat(flaky.signatures).allSatisfy(signature -> assertThat(signature).isEqualTo("sha256=" + hmac(flaky.bodies.get(0))));
        assertThat(flaky.deliveryIds.stream().distinct()).hasSize(1);
        assertThat(flaky.contentTypes).allSatisfy(type -> assertThat(type).startsWith("application/cloudevents+json"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(delivery(flakyId).get("state")));
        Map<String, Object> delivered = delivery(flakyId);
        assertThat(delivered).containsEntry("attempts", 3).containsEntry("last_status", 200).containsEntry("event_id", onKafka.id())
                .containsEntry("event_type", "freshness.violated");

        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(delivery(brokenId).get("state")));
        Map<String, Object> failed = delivery(brokenId);
        assertThat(failed).containsEntry("attempts", 3).containsEntry("last_status", 503).containsEntry("last_error", "HTTP 503");
        assertThat(broken.bodies).hasSize(3);
        assertThat(broken.signatures).containsOnlyNulls();

        assertThat(deliveries(otherId)).isEmpty();
        assertThat(other.bodies).isEmpty();

        // the hourly clean-up keeps recent finished deliveries, and deletes those past the retention
        WebhookStore store = instance.applicationContext().getBean(WebhookStore.class);
        store.deleteFinishedBefore(Duration.ofDays(1));
        assertThat(deliveries(flakyId)).hasSize(1);
        assertThat(store.deleteFinishedBefore(Duration.ZERO)).isGreaterThanOrEqualTo(2);
        assertThat(deliveries(flakyId)).isEmpty();
        assertThat(deliveries(brokenId)).isEmpty();
    }

    @Test
    void badWebhooksAreRefusedNamingTheFieldAndOneCanBeListedAndRemoved() {
        RawHttp.Answer bad = instance.http().send("POST", "/v1/webhooks", "application/json", """
                {"project": "%s", "url": "ftp://example.com/hook", "event_types": ["freshness.violated", "nope"]}""".formatted(project));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("\"url\"").contains("ftp://example.com/hook").contains("event_types[1]").contains("nope");

        String id = create("""
                {"project": "%s", "url": "%s"}""".formatted(project, other.url()));
        RawHttp.Answer again = instance.http().send("POST", "/v1/webhooks", "application/json", """
                {"project": "%s", "url": "%s"}""".formatted(project, other.url()));
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.at("code")).isEqualTo("WEBHOOK_EXISTS");

        RawHttp.Answer listed = instance.http().get("/v1/webhooks?project=" + project);
        assertThat(listed.body()).contains(id).contains("\"signed\":false").doesNotContain("secret");
        assertThat(instance.http().get("/v1/webhooks/" + id).at("event_types"))
                .isEqualTo(List.of("freshness.violated", "freshness.recovered", "drift.detected"));

        assertThat(instance.http().send("DELETE", "/v1/webhooks/" + id, "application/json", "").status()).isEqualTo(204);
        RawHttp.Answer gone = instance.http().get("/v1/webhooks/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.at("code")).isEqualTo("WEBHOOK_NOT_FOUND");
    }

    private String create(String body) {
        RawHttp.Answer answer = instance.http().send("POST", "/v1/webhooks", "application/json", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return (String) answer.at("id");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deliveries(String webhookId) {
        RawHttp.Answer answer = instance.http().get("/v1/webhooks/%s/deliveries".formatted(webhookId));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return (List<Map<String, Object>>) answer.json().get("deliveries");
    }

    private Map<String, Object> delivery(String webhookId) {
        List<Map<String, Object>> deliveries = deliveries(webhookId);
        return deliveries.isEmpty() ? Map.of() : deliveries.get(0);
    }

    private static String hmac(String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A local HTTP endpoint that answers {@code failStatus} to its first {@code failures} requests, then 200. */
    private static final class Receiver {
        private final int failures;
        private final int failStatus;
        private final AtomicInteger requests = new AtomicInteger();
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<String> signatures = new CopyOnWriteArrayList<>();
        final List<String> deliveryIds = new CopyOnWriteArrayList<>();
        final List<String> contentTypes = new CopyOnWriteArrayList<>();
        private HttpServer server;

        Receiver(int failures, int failStatus) {
            this.failures = failures;
            this.failStatus = failStatus;
        }

        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                signatures.add(exchange.getRequestHeaders().getFirst("X-Featurestore-Signature"));
                deliveryIds.add(exchange.getRequestHeaders().getFirst("X-Featurestore-Delivery"));
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                int status = requests.incrementAndGet() <= failures ? failStatus : 200;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:%d/hook".formatted(server.getAddress().getPort());
        }

        void stop() {
            server.stop(0);
        }
    }
}
