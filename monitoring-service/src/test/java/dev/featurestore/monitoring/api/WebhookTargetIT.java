package dev.featurestore.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.featurestore.monitoring.MonitoringInstance;
import dev.featurestore.monitoring.TestingHostResolver;
import dev.featurestore.runtime.testing.RawHttp;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SSRF attacks of issue 14 against webhooks: internal targets are refused at registration with the default
 * settings, and with an operator's allowance for local receivers no redirect is followed, nothing the target answers
 * besides its status reaches the delivery log, and a target that stops being allowed gets no request.
 */
class WebhookTargetIT {
    private final String project = MonitoredProject.newName("targets");
    private MonitoringInstance instance;

    @AfterEach
    void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void internalTargetsAreRefusedByDefaultNamingTheUrlAndNothingIsSent() throws Exception {
        start(Map.of());
        try (WebhookReceiver local = WebhookReceiver.failing(0, 200)) {
            int port = local.port();
            Map<String, String> refusals = new HashMap<>();
            refusals.put("https://169.254.169.254/latest/meta-data/iam/security-credentials/", "cloud metadata address");
            refusals.put("https://[fd00:ec2::254]/latest/meta-data/", "cloud metadata address");
            refusals.put("https://10.0.0.1/hook", "private address");
            refusals.put("https://192.168.1.1/hook", "private address");
            refusals.put("https://[::1]:%d/hook".formatted(port), "loopback address");
            refusals.put("https://[::ffff:127.0.0.1]:%d/hook".formatted(port), "loopback address");
            refusals.put("https://127.0.0.1:%d/hook".formatted(port), "loopback address");
            refusals.put("https://localhost:%d/hook".formatted(port), "resolves to a loopback address");
            refusals.put("https://2130706433:%d/hook".formatted(port), "numeric form");
            refusals.put("https://0x7f000001:%d/hook".formatted(port), "numeric form");
            refusals.put("https://0177.0.0.1:%d/hook".formatted(port), "numeric form");
            refusals.put("https://hooks.example.com@127.0.0.1:%d/hook".formatted(port), "user info");
            refusals.put("https://a@b/", "user info");
            refusals.put("http://hooks.example.com/hook", "plain http is not allowed");
            refusals.put(local.url(), "plain http is not allowed");

            refusals.forEach((url, reason) -> {
                RawHttp.Answer answer = register(url);
                assertThat(answer.status()).as(url + ": " + answer.body()).isEqualTo(400);
                assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(firstError(answer)).as(url).containsEntry("path", "url");
                assertThat((String) firstError(answer).get("message")).as(url).contains(reason);
            });

            assertThat(instance.http().get("/v1/webhooks?project=" + project).at("webhooks")).isEqualTo(List.of());
            assertThat(local.bodies).isEmpty();
        }
    }

    @Test
    void refusalEchoesOnlyAShortPrefixOfTheValue() {
        start(Map.of());
        String url = "https://169.254.169.254/" + "x".repeat(1500);

        RawHttp.Answer answer = register(url);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("https://169.254.169.254/xxx").doesNotContain("x".repeat(100)).hasSizeLessThan(1000);
        assertThat(register("https://hooks.example.com/" + "y".repeat(3000)).body()).contains("longer than 2048").doesNotContain("y".repeat(100));
        RawHttp.Answer badType = instance.http().send("POST", "/v1/webhooks", "application/json", """
                {"project": "%s", "url": "https://hooks.example.com/", "event_types": ["%s"]}""".formatted(project, "z".repeat(5000)));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body()).contains("event_types[0]").doesNotContain("z".repeat(100));
    }

    @Test
    void redirectIsNotFollowedAndIsRecordedAsItsStatus() throws Exception {
        startAllowingLocalReceivers();
        try (WebhookReceiver inside = WebhookReceiver.failing(0, 200);
                WebhookReceiver redirecting = WebhookReceiver.answering(302, Map.of("Location", inside.url()), "moved")) {
            String id = create(redirecting.url());

            violate();

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(delivery(id).get("state")));
            assertThat(delivery(id)).containsEntry("attempts", 2).containsEntry("last_status", 302).containsEntry("last_error", "HTTP 302");
            assertThat(redirecting.bodies).hasSize(2);
            assertThat(inside.bodies).isEmpty();
        }
    }

    @Test
    void deliveryLogKeepsTheStatusOrAFixedReasonNeverWhatTheTargetSent() throws Exception {
        startAllowingLocalReceivers();
        try (WebhookReceiver talkative = WebhookReceiver.answering(500, Map.of("X-Internal-Secret", "header-secret-42"), "body-secret-42 stack trace");
                Banner banner = new Banner("SSH-2.0-OpenSSH_9.6p1 banner-secret-42\r\n");
                ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String talkativeId = create(talkative.url());
            String bannerId = create("http://127.0.0.1:%d/hook".formatted(banner.port()));
            int closedPort = closed.getLocalPort();
            closed.close();
            String closedId = create("http://127.0.0.1:%d/hook".formatted(closedPort));

            violate();

            for (String id : List.of(talkativeId, bannerId, closedId)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(delivery(id).get("state")));
            }
            assertThat(delivery(talkativeId)).containsEntry("last_status", 500).containsEntry("last_error", "HTTP 500");
            assertThat(delivery(bannerId)).containsEntry("last_status", null).containsEntry("last_error", "invalid response");
            assertThat(delivery(closedId)).containsEntry("last_status", null).containsEntry("last_error", "connection refused");
            for (String id : List.of(talkativeId, bannerId, closedId)) {
                assertThat(instance.http().get("/v1/webhooks/%s/deliveries".formatted(id)).body()).doesNotContain("secret-42").doesNotContain("SSH");
            }
            assertThat(talkative.bodies).hasSize(2);
        }
    }

    @Test
    void messageStoredByAnEarlierVersionIsNotShown() throws Exception {
        startAllowingLocalReceivers();
        try (WebhookReceiver broken = WebhookReceiver.failing(Integer.MAX_VALUE, 503)) {
            String id = create(broken.url());
            violate();
            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(delivery(id).get("state")));
            DataSource dataSource = DelegatingDataSource.unwrapDataSource(instance.applicationContext().getBean(DataSource.class));
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            "UPDATE monitoring.webhook_delivery SET last_error = 'IOException: received SSH-2.0-OpenSSH banner' WHERE webhook_id = ?")) {
                statement.setObject(1, UUID.fromString(id));
                assertThat(statement.executeUpdate()).isEqualTo(1);
            }

            assertThat(delivery(id)).containsEntry("last_error", "connection failed");
        }
    }

    @Test
    void deliveryGoesToTheVettedAddressAndFailsWithoutARequestOnceTheNameResolvesElsewhere() throws Exception {
        startAllowingLocalReceivers();
        TestingHostResolver dns = instance.applicationContext().getBean(TestingHostResolver.class);
        try (WebhookReceiver receiver = WebhookReceiver.failing(0, 200)) {
            // a name only this resolver knows: a request that arrives was sent to the address vetted, not looked up again
            dns.answer("hooks.example.test", "127.0.0.1");
            String id = create("http://hooks.example.test:%d/hook".formatted(receiver.port()));
            violate();
            await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(delivery(id).get("state")));
            assertThat(receiver.hosts).containsExactly("hooks.example.test:%d".formatted(receiver.port()));

            dns.answer("hooks.example.test", "127.0.0.1", "169.254.169.254");
            recover();

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(delivery(id).get("state")));
            assertThat(delivery(id)).containsEntry("event_type", "freshness.recovered").containsEntry("attempts", 1)
                    .containsEntry("last_status", null).containsEntry("last_error", "address not allowed");
            assertThat(receiver.bodies).hasSize(1);
        }
    }

    @Test
    void webhookRegisteredUnderLooserSettingsGetsNoRequestUnderStricterOnes() throws Exception {
        startAllowingLocalReceivers();
        try (WebhookReceiver receiver = WebhookReceiver.failing(0, 200)) {
            String id = create(receiver.url());
            instance.close();
            start(Map.of());

            violate();

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(delivery(id).get("state")));
            assertThat(delivery(id)).containsEntry("attempts", 1).containsEntry("last_error", "url not allowed");
            assertThat(receiver.bodies).isEmpty();
        }
    }

    @Test
    void badAllowedNetworkStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> MonitoringInstance.start(Map.of("featurestore.monitoring.webhooks.allowed-networks", "10.0.0.0/8,intranet/16")))
                .hasStackTraceContaining("featurestore.monitoring.webhooks.allowed-networks[1]");
    }

    private void startAllowingLocalReceivers() {
        start(Map.of("featurestore.monitoring.webhooks.allow-http", "true", "featurestore.monitoring.webhooks.allowed-networks", "127.0.0.1/32"));
    }

    private void start(Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(settings);
        properties.putAll(Map.of(
                "featurestore.monitoring.webhook-initial-backoff", "200ms",
                "featurestore.monitoring.webhook-max-backoff", "200ms",
                "featurestore.monitoring.webhook-max-attempts", "2",
                "featurestore.monitoring.webhook-timeout", "3s",
                "featurestore.monitoring.webhook-poll-interval", "100ms"));
        instance = MonitoringInstance.start(properties);
        MonitoredProject.define(instance, project, 1);
    }

    private void violate() {
        MonitoredProject.staleRun(project, Map.of());
    }

    private void recover() {
        MonitoredProject.freshRun(project);
    }

    private RawHttp.Answer register(String url) {
        return instance.http().send("POST", "/v1/webhooks", "application/json", """
                {"project": "%s", "url": "%s"}""".formatted(project, url));
    }

    private String create(String url) {
        RawHttp.Answer answer = register(url);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return (String) answer.at("id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(RawHttp.Answer answer) {
        return ((List<Map<String, Object>>) answer.at("errors")).get(0);
    }

    private Map<String, Object> delivery(String webhookId) {
        return MonitoredProject.lastDelivery(instance, webhookId);
    }

    /** A TCP service on 127.0.0.1 that sends its banner to each connection and closes it, as SSH or SMTP does. */
    private static final class Banner implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        private final Thread thread;

        Banner(String banner) throws IOException {
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        OutputStream out = connection.getOutputStream();
                        out.write(banner.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        connection.setSoTimeout(5000);
                        connection.getInputStream().readAllBytes();
                    } catch (IOException e) {
                        // closed, or the client went away
                    }
                }
            }, "banner");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
