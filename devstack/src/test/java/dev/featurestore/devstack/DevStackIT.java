package dev.featurestore.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurestore.testkit.DevStackProcess;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.FreshnessViolated;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.examples.DemoData;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.runtime.testing.PrometheusText;
import dev.featurestore.runtime.testing.TopicReader;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The README's start command, end to end: the dev stack runs as its own process on exactly the
 * start command's classpath ({@code target/classes} + {@code target/lib}), starts the embedded
 * infrastructure and the five services from their jars, writes the demo data into the bucket,
 * applies the example repository, builds the README's first training set from both, and on
 * SIGTERM stops everything it started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevStackIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final OtlpTraceReceiver traces = new OtlpTraceReceiver();
    private final Map<ServiceKind, String> services = new EnumMap<>(ServiceKind.class);
    private DevStackProcess devStack;
    private Path dataDirectory;
    /** The dev stack's admin key, from its endpoints file. */
    private static volatile String adminKey = "";
    private Path log;
    private JsonNode endpoints;

    @BeforeAll
    void startDevStack() {
        // The services inherit the dev stack's environment: export their spans to the test's receiver.
        devStack = DevStackProcess.start(DevStackProcess.Options.of(ROOT, ROOT.resolve("devstack/target/devstack-it-" + System.nanoTime()))
                .withDemoStreamInterval("1s")
                .withEnvironment(Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint(),
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "OTEL_BSP_SCHEDULE_DELAY", "100")));
        dataDirectory = devStack.dataDirectory();
        log = devStack.log();
        endpoints = devStack.endpoints();
        adminKey = devStack.adminKey();
        for (ServiceKind kind : ServiceKind.values()) {
            services.put(kind, devStack.serviceUrl(kind.shortName()));
        }
    }

    @AfterAll
    void stopDevStack() {
        devStack.close();
        traces.close();
    }

    @Test
    @Order(1)
    void everyServiceReportsItselfUp() throws Exception {
        for (Map.Entry<ServiceKind, String> service : services.entrySet()) {
            HttpResponse<String> response = get(service.getValue() + "/health");

            assertThat(response.statusCode()).as(service.getKey().module()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void endpointsFileSaysWhereEverythingIs() {
        assertThat(endpoints.path("kafka").path("bootstrap_servers").asText()).startsWith("127.0.0.1:");
        assertThat(endpoints.path("postgres").path("jdbc_url").asText()).startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(endpoints.path("redis").path("uri").asText()).startsWith("redis://127.0.0.1:");
        assertThat(endpoints.path("s3").path("endpoint").asText()).startsWith("http://127.0.0.1:");
        assertThat(endpoints.path("s3").path("bucket").asText()).isEqualTo("featurestore");
        for (ServiceKind kind : ServiceKind.values()) {
            assertThat(endpoints.path("services").path(kind.shortName()).asText()).isEqualTo(services.get(kind));
        }
        assertThat(devStack.servingGrpcTarget()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(adminKey).matches("fsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        assertThat(endpoints.path("security").path("header").asText()).isEqualTo("Authorization: Bearer " + adminKey);
        assertThat(dataDirectory.resolve(DevStackKeys.FILE)).exists();
    }

    @Test
    @Order(2)
    void servingListensForGrpcOnThePortTheEndpointsFileNames() throws Exception {
        String[] target = devStack.servingGrpcTarget().split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target[0], Integer.parseInt(target[1])), 5_000);
            assertThat(socket.isConnected()).isTrue();
        }
        assertThat(Files.readString(log)).contains("serving-service gRPC", devStack.servingGrpcTarget());
    }

    @Test
    @Order(2)
    void everyServiceRefusesACallerWithoutCredential() throws Exception {
        for (Map.Entry<ServiceKind, String> service : services.entrySet()) {
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(service.getValue() + "/v1/nothing"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).as(service.getKey().module()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
    }

    @Test
    @Order(3)
    void exampleRepositoryIsAppliedOnFirstStart() throws Exception {
        HttpResponse<String> snapshot = get(services.get(ServiceKind.REGISTRY) + "/v1/projects/demo/registry");

        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(200);
        JsonNode document = JSON.readTree(snapshot.body());
        assertThat(document.path("feature_views").findValuesAsText("name"))
                .contains("driver_hourly", "customer_profile", "route_traffic", "driver_status");
        assertThat(document.path("data_sources").findValuesAsText("type")).contains("parquet", "push", "kafka", "request");
        assertThat(document.path("on_demand_feature_views").findValuesAsText("name")).contains("ride_quote");
        assertThat(document.path("feature_services").findValuesAsText("name")).containsExactlyInAnyOrder("dispatch_v1", "growth_v1");
        assertThat(dataDirectory.resolve(ExampleRepository.MARKER)).exists();
    }

    @Test
    @Order(7)
    void theExampleIsMaterializedOnFirstStartWithACleanSkewCheckAndServedOnline() throws Exception {
        String materialization = services.get(ServiceKind.MATERIALIZATION);
        JsonNode[] runs = new JsonNode[1];
        await("example runs ended").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            runs[0] = JSON.readTree(get(materialization + "/v1/runs?project=demo").body()).path("runs");
            boolean ended = true;
            for (JsonNode run : runs[0]) {
                ended &= List.of("succeeded", "failed").contains(run.path("state").asText());
            }
            return runs[0].size() >= 4 && ended;
        });
        for (JsonNode run : runs[0]) {
            assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("succeeded");
            assertThat(run.path("trigger").asText()).isEqualTo("registry_change");
            assertThat(run.path("result").path("entities_written").asLong()).as(run.toString()).isPositive();
            assertThat(run.path("result").path("skew_check").path("state").asText()).as(run.toString()).isEqualTo("passed");
        }
        List<String> views = new ArrayList<>();
        runs[0].forEach(run -> views.add(run.path("feature_view").asText()));
        assertThat(views).contains("driver_hourly", "customer_profile", "route_traffic", "driver_status");
        assertThat(Files.readString(log)).contains("Materializing the example's 4 online feature views")
                .contains("driver_hourly      succeeded").contains("driver_status      succeeded").contains("curl -s -H \"Authorization: Bearer $FS_KEY\" -X POST").contains("export FS_KEY=" + adminKey);

        HttpRequest read = HttpRequest.newBuilder(URI.create(services.get(ServiceKind.SERVING) + "/get-online-features?project=demo")).header("Authorization", adminBearer())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"features\": [\"driver_hourly:conv_rate\"], \"entities\": {\"driver_id\": [1001, 1002]}}"))
                .build();
        JsonNode answer = JSON.readTree(HTTP.send(read, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(answer.path("results").get(1).path("statuses").toString()).isEqualTo("[\"PRESENT\",\"PRESENT\"]");
    }

    @Test
    @Order(4)
    void servingIsWarmedUpBeforeTheStackSaysItIsUpAndWithItsOwnFullJit() throws Exception {
        String output = Files.readString(log);
        String line = output.lines().filter(candidate -> candidate.startsWith(ServingWarmup.PREFIX)).findFirst().orElseThrow();

        Matcher warmup = Pattern.compile("Serving warm-up: ([\\d,]+) of 3,000 /get-online-features requests and ([\\d,]+) of 300 gRPC calls of project 'demo' "
                + "\\(12 shapes, 4 connections\\) in \\d+\\.\\d s(, stopped at the 20 s bound)?, (no errors|([\\d,]+) errors \\(the first: .*\\))\\.")
                .matcher(line);
        assertThat(warmup.matches()).as(line).isTrue();
        int sent = Integer.parseInt(warmup.group(1).replace(",", ""));
        int errors = warmup.group(5) == null ? 0 : Integer.parseInt(warmup.group(5).replace(",", ""));
        // all of them unless the machine is so loaded that the time bound stops it; a few of a cold service's first
        // requests may time out on a loaded machine, the rest are answered (the gRPC calls too: fewer than 30 errors)
        boolean bounded = warmup.group(3) != null;
        assertThat(sent).as(line).isGreaterThanOrEqualTo(bounded ? 1_000 : 3_000);
        if (!bounded) {
            assertThat(warmup.group(2)).as(line).isEqualTo("300");
        }
        assertThat(errors).as(line).isLessThan(30);
        assertThat(output.indexOf(line)).isLessThan(output.indexOf("Feature store dev stack is up"));
        // serving answered them (its own count of 200 answers; the tests before this one add a few)
        assertThat(PrometheusText.sample(get(services.get(ServiceKind.SERVING) + "/prometheus").body(), "http_server_requests_seconds_count",
                "uri=\"/get-online-features\"", "status=\"200\"")).isGreaterThanOrEqualTo(sent - errors);
        ProcessHandle serving = devStack.serviceProcess("serving").orElseThrow();
        assertThat(serving.info().arguments().map(List::of).orElseThrow()).contains("-XX:+UseSerialGC").doesNotContain("-XX:TieredStopAtLevel=1");
        ProcessHandle registry = devStack.serviceProcess("registry").orElseThrow();
        assertThat(registry.info().arguments().map(List::of).orElseThrow()).contains("-XX:TieredStopAtLevel=1");
    }

    @Test
    @Order(5)
    void demoDataIsWrittenToTheBucketOnFirstStart() throws Exception {
        Instant now = demoDataNow();
        StorageUri root = examplesRoot();
        try (S3Client client = s3Client()) {
            ParquetScanner scanner = new ParquetScanner(new S3ObjectStore(client));

            assertThat(Files.readString(log)).contains("Wrote the demo data");
            for (String source : List.of(DemoData.DRIVER_STATS, DemoData.DRIVER_STATUS, DemoData.CUSTOMER_PROFILE, DemoData.ROUTE_TRAFFIC)) {
                // The demo stream appends objects of its own under driver_status/ (stream-...): the history is part-*.
                assertThat(scanner.list(root.resolve(source)).stream().filter(object -> object.uri().name().startsWith("part-"))).as(source)
                        .hasSizeGreaterThan(5)
                        .allSatisfy(object -> assertThat(object.partitions()).containsKey("date"));
            }
            List<Row> orders = scanner.readAll(ScanRequest.of(root.resolve(DemoData.RIDE_ORDERS)).withColumns("event_timestamp", "driver_id"));
            assertThat(orders).hasSize(5_000)
                    .allSatisfy(row -> assertThat(row.getInstant("event_timestamp")).isBetween(now.minus(Duration.ofDays(7)), now));
        }
    }

    @Test
    @Order(6)
    void firstTrainingSetOfTheReadmeIsBuiltFromTheDemoData() throws Exception {
        String historical = services.get(ServiceKind.HISTORICAL);
        String request = """
                {"project": "demo", "feature_service": "dispatch_v1",
                 "entity_source": {"uri": "s3://featurestore/examples/entity_rows/ride_orders.parquet"},
                 "event_timestamp_column": "event_timestamp", "full_feature_names": false,
                 "output_uri": "s3://featurestore/training-sets/devstack-it/"}""";

        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create(historical + "/v1/historical-features")).header("Authorization", adminBearer())
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String jobId = JSON.readTree(submitted.body()).path("job_id").asText();
        JsonNode job = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(get(historical + "/v1/jobs/" + jobId).body()),
                        node -> !List.of("queued", "running").contains(node.path("state").asText()));
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("row_count").asLong()).isEqualTo(5_000);
        assertThat(job.path("output_files").get(0).asText()).isEqualTo("s3://featurestore/training-sets/devstack-it/part-00000.parquet");
        assertThat(job.path("output_schema").findValuesAsText("name"))
                .containsSubsequence("event_timestamp", "driver_id", "completed", "conv_rate", "avg_speed_kmh", "quote");
    }

    @Test
    @Order(4)
    void registryChangeReachesMonitoringOnceAndContinuesTheRequestsTrace() throws Exception {
        String registry = services.get(ServiceKind.REGISTRY);
        String monitoring = services.get(ServiceKind.MONITORING);
        String kafka = endpoints.path("kafka").path("bootstrap_servers").asText();

        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(registry + "/v1/projects")).header("Authorization", adminBearer())
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"crossing\", \"owner\": \"ml@example.com\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // Monitoring handles the event the registry published through its outbox, once.
        ConsumerRecord<String, String> published = TopicReader.awaitRecord(kafka,
                Topics.REGISTRY_CHANGES, record -> "crossing/project/crossing".equals(record.key()), Duration.ofSeconds(30));
        String eventId = CloudEvents.fromJson(published.value()).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> processedByMonitoring(eventId) == 1);
        double duplicatesBefore = consumed(monitoring, "duplicate");

        // The same event delivered again (same record, same id) is recognised and not handled twice.
        republish(kafka, published);
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

    @Test
    @Order(8)
    void theDemoStreamKeepsDriverStatusFreshOnlineAndAppendsItUnderTheBatchSource() throws Exception {
        Instant historyEnd = demoDataNow();
        long driver = DemoStream.WATCHED_DRIVER;
        assertThat(Files.readString(log)).contains("Demo stream (every 1 s, Kafka topic demo.driver-status)").contains("driver_status:idle_minutes");

        // Nothing of the demo history is dated after its "now": a later value online came from the stream.
        OnlineStatus first = await("a status of driver %d from the stream".formatted(driver)).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> onlineStatus(driver), status -> status.present() && status.eventTimestamp().isAfter(historyEnd));
        OnlineStatus later = await("a newer status of driver %d, without any request".formatted(driver)).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> onlineStatus(driver), status -> status.present() && status.eventTimestamp().isAfter(first.eventTimestamp()));

        assertThat(later.onShift()).isTrue();
        assertThat(later.zone()).isBetween(1, 8);
        assertThat(later.idleMinutes()).isNotNegative();

        // The same events land offline next to the history's date partitions, as Parquet objects of the stream.
        StorageUri status = examplesRoot().resolve(DemoData.DRIVER_STATUS);
        try (S3Client client = s3Client()) {
            ParquetScanner scanner = new ParquetScanner(new S3ObjectStore(client));
            List<Row> streamed = await("stream objects under %s".formatted(status)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> scanner.list(status).stream()
                                    .filter(object -> object.uri().name().startsWith("stream-"))
                                    .flatMap(object -> scanner.readAll(ScanRequest.of(object.uri())).stream())
                                    .toList(),
                            rows -> rows.stream().anyMatch(row -> row.getLong("driver_id") == driver));

            assertThat(streamed).allSatisfy(row -> {
                assertThat(row.getInstant("event_timestamp")).isAfter(historyEnd);
                assertThat(row.getLong("driver_id")).isBetween(DemoData.FIRST_DRIVER_ID, DemoData.FIRST_DRIVER_ID + 299);
            });
            assertThat(streamed.get(0).schema().names()).containsExactlyInAnyOrderElementsOf(DemoData.DRIVER_STATUS_SCHEMA.names());
        }
    }

    @Test
    @Order(9)
    void monitoringKnowsTheExamplesFreshnessAndStatistics() throws Exception {
        String monitoring = services.get(ServiceKind.MONITORING);

        JsonNode views = await("the example's views known to monitoring, all fresh").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(get(monitoring + "/v1/freshness?project=demo").body()).path("views"),
                        found -> found.size() == 4 && found.findValuesAsText("state").stream().allMatch("ok"::equals));
        for (JsonNode view : views) {
            assertThat(view.path("evaluated").asBoolean()).as(view.toString()).isTrue();
            assertThat(view.path("last_run").path("run_id").asText()).as(view.toString()).isNotEmpty();
        }
        // the stream-fed view's freshness moves with the stream's reports, past the demo history
        Instant historyEnd = demoDataNow();
        await("driver_status reported by stream ingestion").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.parse(JSON.readTree(get(monitoring + "/v1/freshness/demo/driver_status").body()).path("max_event_timestamp").asText()),
                        maxEvent -> maxEvent.isAfter(historyEnd));
        assertThat(Files.readString(log)).contains(monitoring + "/v1/freshness?project=demo");

        JsonNode statistics = JSON.readTree(get(monitoring + "/v1/features/demo/driver_hourly/statistics").body());
        assertThat(statistics.path("latest").path("features").path("conv_rate").path("count").asLong()).isPositive();
        assertThat(statistics.path("baseline").path("pinned_by").asText()).isEqualTo("first_run");
        assertThat(PrometheusText.sample(get(monitoring + "/prometheus").body(), "featurestore_feature_freshness_seconds",
                "project=\"demo\"", "feature_view=\"driver_hourly\"")).isPositive();
    }

    @Test
    @Order(10)
    void aViewThatStopsGettingDataGoesStaleOnceAndRecoversOnceAfterTheNextRun() throws Exception {
        // the README's walkthrough: a view with a 30 s SLA fed by pushes
        String kafka = endpoints.path("kafka").path("bootstrap_servers").asText();
        HttpResponse<String> applied = HTTP.send(HttpRequest.newBuilder(URI.create(services.get(ServiceKind.REGISTRY) + "/v1/projects/alerts/apply")).header("Authorization", adminBearer())
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                                 "data_sources": [
                                   {"name": "ticks_src", "type": "parquet", "path": "s3://featurestore/alerts/ticks/", "timestamp_field": "event_timestamp"},
                                   {"name": "ticks_push", "type": "push", "batch_source": "ticks_src"}],
                                 "feature_views": [{"name": "ticks", "entities": ["driver"], "source": "ticks_push", "ttl": "1h", "online": true,
                                   "freshness_sla": "30s", "schema": [{"name": "trips", "dtype": "INT64"}]}]}"""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);

        pushTick(1);
        await("ticks fresh").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(get(services.get(ServiceKind.MONITORING) + "/v1/freshness/alerts/ticks").body()).path("state").asText(),
                        "ok"::equals);

        // no more pushes: once the 30 s pass, the next check publishes the violation
        TopicReader.awaitRecord(kafka, Topics.FRESHNESS, record -> "alerts/ticks".equals(record.key())
                && CloudEvents.fromJson(record.value()).type().equals("freshness.violated"), Duration.ofSeconds(90));
        pushTick(2);
        TopicReader.awaitRecord(kafka, Topics.FRESHNESS, record -> "alerts/ticks".equals(record.key())
                && CloudEvents.fromJson(record.value()).type().equals("freshness.recovered"), Duration.ofSeconds(60));

        List<CloudEvent<?>> events = TopicReader.readAll(kafka, Topics.FRESHNESS).stream()
                .filter(record -> "alerts/ticks".equals(record.key()))
                .<CloudEvent<?>>map(record -> CloudEvents.fromJson(record.value()))
                .toList();
        assertThat(events.stream().filter(event -> event.type().equals("freshness.violated")).map(CloudEvent::id).distinct()).hasSize(1);
        assertThat(events.stream().filter(event -> event.type().equals("freshness.recovered")).map(CloudEvent::id).distinct()).hasSize(1);
        FreshnessViolated violation = (FreshnessViolated) events.stream().filter(event -> event.type().equals("freshness.violated"))
                .findFirst().orElseThrow().data();
        assertThat(violation.reason()).isEqualTo("sla_exceeded");
        assertThat(violation.freshnessSlaSeconds()).isEqualTo(30);
        JsonNode statistics = JSON.readTree(get(services.get(ServiceKind.MONITORING) + "/v1/features/alerts/ticks/statistics").body());
        assertThat(statistics.path("history").size()).isGreaterThanOrEqualTo(2);
    }

    /** Pushes one value of driver 1 online and offline; the offline copy's data.landed makes materialization run. */
    private void pushTick(long trips) throws IOException, InterruptedException {
        HttpResponse<String> pushed = HTTP.send(HttpRequest.newBuilder(URI.create(services.get(ServiceKind.SERVING) + "/push?project=alerts")).header("Authorization", adminBearer())
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"push_source_name": "ticks_push", "to": "online_and_offline",
                                 "df": {"driver_id": [1], "event_timestamp": ["%s"], "trips": [%d]}}""".formatted(Instant.now(), trips)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
    }

    /** What serving answers for one driver's {@code driver_status} features. */
    private record OnlineStatus(boolean present, Instant eventTimestamp, Boolean onShift, Integer zone, Double idleMinutes) {
    }

    private OnlineStatus onlineStatus(long driver) throws IOException, InterruptedException {
        HttpRequest read = HttpRequest.newBuilder(URI.create(services.get(ServiceKind.SERVING) + "/get-online-features?project=demo")).header("Authorization", adminBearer())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"features": ["driver_status:on_shift", "driver_status:zone", "driver_status:idle_minutes"], "entities": {"driver_id": [%d]}}"""
                        .formatted(driver)))
                .build();
        HttpResponse<String> response = HTTP.send(read, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).path("results");
        boolean present = true;
        for (int feature = 1; feature <= 3; feature++) {
            present &= results.get(feature).path("statuses").get(0).asText().equals("PRESENT");
        }
        if (!present) {
            return new OnlineStatus(false, Instant.EPOCH, null, null, null);
        }
        return new OnlineStatus(true,
                Instant.parse(results.get(1).path("event_timestamps").get(0).asText()),
                results.get(1).path("values").get(0).asBoolean(),
                results.get(2).path("values").get(0).asInt(),
                results.get(3).path("values").get(0).asDouble());
    }

    private Instant demoDataNow() throws IOException {
        return Instant.parse(Files.readAllLines(dataDirectory.resolve(DemoDataSetup.MARKER)).stream()
                .filter(line -> line.startsWith("now=")).findFirst().orElseThrow().substring("now=".length()));
    }

    private StorageUri examplesRoot() {
        return StorageUri.s3(endpoints.path("s3").path("bucket").asText(), "examples/");
    }

    private S3Client s3Client() {
        JsonNode s3 = endpoints.path("s3");
        return S3Client.builder()
                .endpointOverride(URI.create(s3.path("endpoint").asText()))
                .region(Region.of(s3.path("region").asText()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.path("access_key").asText(), s3.path("secret_key").asText())))
                .forcePathStyle(true)
                .build();
    }

    @Test
    @Order(100)
    void sigtermStopsEveryProcessItStarted() throws Exception {
        List<ProcessHandle> children = devStack.handle().descendants().toList();
        assertThat(children).as("service and Redis processes while running").isNotEmpty();
        // PostgreSQL daemonizes (pg_ctl), so it is no descendant: check that its port closes instead.
        int postgresPort = URI.create(endpoints.path("postgres").path("jdbc_url").asText().substring("jdbc:".length())).getPort();

        assertThat(devStack.terminate(Duration.ofSeconds(90))).as("dev stack exited").isTrue();
        assertThat(Files.readString(log)).contains("Dev stack stopped.");
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(isListening(postgresPort)).as("PostgreSQL still listening").isFalse();
    }

    private static double consumed(String monitoringUrl, String outcome) throws IOException, InterruptedException {
        return PrometheusText.sample(get(monitoringUrl + "/prometheus").body(), "featurestore_events_consumed_total",
                "type=\"registry.object.changed\"", "outcome=\"" + outcome + "\"");
    }

    private int processedByMonitoring(String eventId) throws SQLException {
        JsonNode postgres = endpoints.path("postgres");
        try (Connection connection = DriverManager.getConnection(
                postgres.path("jdbc_url").asText(), postgres.path("user").asText(), postgres.path("password").asText());
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM monitoring.processed_event WHERE id = ?")) {
            statement.setString(1, eventId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static void republish(String kafka, ConsumerRecord<String, String> record) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers())).get();
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", adminBearer()).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String adminBearer() {
        return "Bearer " + adminKey;
    }
}
