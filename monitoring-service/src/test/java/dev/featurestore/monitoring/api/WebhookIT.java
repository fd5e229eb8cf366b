package dev.featurestore.monitoring.api;

import static dev.featurestore.monitoring.MonitoringInstance.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.FreshnessViolated;
import dev.featurestore.monitoring.MonitoringInstance;
import dev.featurestore.monitoring.domain.webhook.WebhookStore;
import dev.featurestore.runtime.testing.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
    private final String project = MonitoredProject.newName("webhooks");
    private WebhookReceiver flaky;
    private WebhookReceiver broken;
    private WebhookReceiver other;
    private MonitoringInstance instance;

    @BeforeEach
    void start() throws IOException {
        flaky = WebhookReceiver.failing(2, 500);
        broken = WebhookReceiver.failing(Integer.MAX_VALUE, 503);
        other = WebhookReceiver.failing(0, 200);
        // the receivers listen on loopback over plain http: the operator allows both here (the defaults refuse them)
        instance = MonitoringInstance.start(Map.of(
                "featurestore.monitoring.webhook-initial-backoff", "200ms",
                "featurestore.monitoring.webhook-max-backoff", "400ms",
                "featurestore.monitoring.webhook-max-attempts", "3",
                "featurestore.monitoring.webhook-poll-interval", "100ms",
                "featurestore.monitoring.webhooks.allow-http", "true",
                "featurestore.monitoring.webhooks.allowed-networks", "127.0.0.1/32"));
        MonitoredProject.define(instance, project, 1);
    }

    @AfterEach
    void stop() {
        instance.close();
        flaky.close();
        broken.close();
        other.close();
    }

    @Test
    void eventsReachWebhooksAfterRetriesSignedAndFailedDeliveriesAreLogged() throws Exception {
        String flakyId = create("""
                {"project": "%s", "url": "%s", "secret": "%s", "description": "pager"}""".formatted(project, flaky.url(), SECRET));
        String brokenId = create("""
                {"project": "%s", "url": "%s", "event_types": ["freshness.violated"]}""".formatted(project, broken.url()));
        String otherId = create("""
                {"project": "%s", "url": "%s", "event_types": ["drift.detected"]}""".formatted(project, other.url()));

        MonitoredProject.staleRun(project, Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.bodies.size() >= 3);
        // the webhook's copy is queued in the transaction, the topic's goes through the outbox relay: either may come first
        await().atMost(Duration.ofSeconds(30)).until(() -> !events(EventTypes.FRESHNESS_VIOLATED, project, "hourly").isEmpty());
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

    private List<Map<String, Object>> deliveries(String webhookId) {
        return MonitoredProject.deliveries(instance, webhookId);
    }

    private Map<String, Object> delivery(String webhookId) {
        return MonitoredProject.lastDelivery(instance, webhookId);
    }

    private static String hmac(String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
