package dev.featurestore.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.runtime.testing.PrometheusText;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.PostgresServer;
import dev.featurestore.testkit.ServiceProcess;
import dev.featurestore.testkit.StackMode;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's start command, end to end: the dev stack starts the embedded infrastructure and the
 * five services from their jars, every service reports UP, and closing it leaves no process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevStackIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final OtlpTraceReceiver traces = new OtlpTraceReceiver();
    private DevStack devStack;
    private Path dataDirectory;

    @BeforeAll
    void startDevStack() throws IOException {
        dataDirectory = ROOT.resolve("devstack/target/devstack-it-" + System.nanoTime());
        Map<ServiceKind, Integer> ports = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            ports.put(kind, freePort());
        }
        DevStackConfig config = new DevStackConfig(
                ROOT,
                dataDirectory,
                StackMode.EMBEDDED,
                0,
                0,
                0,
                0,
                ports,
                Arrays.asList(DevStackConfig.DEFAULT_SERVICE_JAVA_OPTIONS.split(" ")),
                Map.of(
                        "otel.traces.exporter", "otlp",
                        "otel.exporter.otlp.endpoint", traces.endpoint(),
                        "otel.exporter.otlp.protocol", "http/protobuf",
                        "otel.bsp.schedule.delay", "100"),
                Duration.ofSeconds(180),
                Optional.of(ROOT.resolve("examples/feature_repo")),
                "demo");
        devStack = new DevStack(config);
        devStack.start();
    }

    @AfterAll
    void stopDevStack() {
        devStack.close();
        traces.close();
    }

    @Test
    @Order(1)
    void everyServiceReportsItselfUp() throws Exception {
        for (ServiceProcess service : devStack.services().values()) {
            HttpResponse<String> response = get(service.url() + "/health");

            assertThat(response.statusCode()).as(service.module()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void endpointsFileSaysWhereEverythingIs() throws IOException {
        JsonNode endpoints = JSON.readTree(dataDirectory.resolve("endpoints.json").toFile());

        assertThat(endpoints.path("kafka").path("bootstrap_servers").asText())
                .isEqualTo(devStack.infrastructure().kafka().bootstrapServers());
        assertThat(endpoints.path("postgres").path("jdbc_url").asText()).startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(endpoints.path("redis").path("uri").asText()).startsWith("redis://127.0.0.1:");
        assertThat(endpoints.path("s3").path("bucket").asText()).isEqualTo("featurestore");
        for (ServiceKind kind : ServiceKind.values()) {
            assertThat(endpoints.path("services").path(kind.shortName()).asText())
                    .isEqualTo(devStack.services().get(kind).url());
        }
    }

    @Test
    @Order(3)
    void exampleRepositoryIsAppliedOnFirstStart() throws Exception {
        HttpResponse<String> snapshot = get(devStack.services().get(ServiceKind.REGISTRY).url() + "/v1/projects/demo/registry");

        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(200);
        JsonNode document = JSON.readTree(snapshot.body());
        assertThat(document.path("feature_views").findValuesAsText("name"))
                .contains("driver_hourly", "customer_profile", "route_traffic");
        assertThat(document.path("on_demand_feature_views").findValuesAsText("name")).contains("ride_quote");
        assertThat(document.path("feature_services").findValuesAsText("name")).containsExactlyInAnyOrder("dispatch_v1", "growth_v1");
        assertThat(dataDirectory.resolve(ExampleRepository.MARKER)).exists();
    }

    @Test
    @Order(4)
    void registryChangeReachesMonitoringOnceAndContinuesTheRequestsTrace() throws Exception {
        String registry = devStack.services().get(ServiceKind.REGISTRY).url();
        String monitoring = devStack.services().get(ServiceKind.MONITORING).url();

        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(registry + "/v1/projects"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"crossing\", \"owner\": \"ml@example.com\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // Monitoring handles the event the registry published through its outbox, once.
        ConsumerRecord<String, String> published = TopicReader.awaitRecord(devStack.infrastructure().kafka().bootstrapServers(),
                Topics.REGISTRY_CHANGES, record -> "crossing/project/crossing".equals(record.key()), Duration.ofSeconds(30));
        String eventId = CloudEvents.fromJson(published.value()).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> processedByMonitoring(eventId) == 1);
        double duplicatesBefore = consumed(monitoring, "duplicate");

        // The same event delivered again (same record, same id) is recognised and not handled twice.
        republish(published);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumed(monitoring, "duplicate") == duplicatesBefore + 1);
        assertThat(processedByMonitoring(eventId)).isEqualTo(1);

        // One trace: registry's HTTP span, the publish, and monitoring's processing of the event.
        OtlpTraceReceiver.ReceivedSpan request = await().atMost(Duration.ofSeconds(30)).until(
                () -> traces.spans().stream()
                        .filter(span -> span.serviceName().equals("registry-service"))
                        .filter(span -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER && span.name().endsWith(" /v1/projects"))
                        .findFirst(),
                Optional::isPresent).orElseThrow();
        List<OtlpTraceReceiver.ReceivedSpan> processing = await().atMost(Duration.ofSeconds(30)).until(
                () -> traces.spans().stream()
                        .filter(span -> span.serviceName().equals("monitoring-service"))
                        .filter(span -> span.name().equals("process registry.object.changed"))
                        .filter(span -> span.traceId().equals(request.traceId()))
                        .toList(),
                spans -> spans.size() == 2);
        assertThat(processing).allMatch(span -> span.kind() == Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(traces.spans()).anyMatch(span -> span.serviceName().equals("registry-service")
                && span.traceId().equals(request.traceId())
                && span.kind() == Span.SpanKind.SPAN_KIND_PRODUCER);
    }

    private static double consumed(String monitoringUrl, String outcome) throws IOException, InterruptedException {
        return PrometheusText.sample(get(monitoringUrl + "/prometheus").body(), "featurestore_events_consumed_total",
                "type=\"registry.object.changed\"", "outcome=\"" + outcome + "\"");
    }

    private int processedByMonitoring(String eventId) throws SQLException {
        PostgresServer postgres = devStack.infrastructure().postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM monitoring.processed_event WHERE id = ?")) {
            statement.setString(1, eventId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private void republish(ConsumerRecord<String, String> record) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devStack.infrastructure().kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers())).get();
        }
    }

    @Test
    @Order(100)
    void closingStopsEveryProcessItStarted() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        assertThat(children).as("service and Redis processes while running").isNotEmpty();
        // PostgreSQL daemonizes (pg_ctl), so it is no descendant: check that its port closes instead.
        URI postgres = URI.create(devStack.infrastructure().postgres().jdbcUrl().substring("jdbc:".length()));

        devStack.close();

        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
        assertThat(isListening(postgres.getPort())).as("PostgreSQL still listening").isFalse();
    }

    private static boolean isListening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
