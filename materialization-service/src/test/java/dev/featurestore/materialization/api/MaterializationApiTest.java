package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventType;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.materialization.TestingRegistryClient;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordRead;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.ServiceTestProperties;
import dev.featurestore.testkit.TestStack;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The service on the test stack with a registry held in memory; each test class has a project and S3 prefix of its own. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MaterializationApiTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper jsonMapper;
    @Inject
    TestingRegistryClient registry;
    @Inject
    OnlineStore onlineStore;
    @Inject
    ObjectStore objectStore;

    final String project = getClass().getSimpleName().toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    RawHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Map.of(
                "featurestore.materialization.poll-interval", "200ms",
                "featurestore.materialization.heartbeat-interval", "200ms",
                "featurestore.materialization.lease-timeout", "3s"));
        properties.putAll(moreProperties());
        return ServiceTestProperties.withStack(properties);
    }

    /** Properties of a test class that needs a service of its own (another context). */
    Map<String, String> moreProperties() {
        return Map.of();
    }

    @BeforeAll
    void connect() {
        http = new RawHttp(server.getURI(), jsonMapper);
    }

    /** {@code s3://<bucket>/<project>/<name>/}: a source prefix of this class's own. */
    String sourcePath(String name) {
        return "s3://%s/%s/%s/".formatted(TestStack.shared().properties().get("featurestore.s3.bucket"), project, name);
    }

    /**
     * Puts this class's project: entity {@code driver} (join key {@code driver_id}, INT64), parquet source {@code src}
     * at {@link #sourcePath}{@code (source)} with its event timestamps in {@code event_timestamp}, and feature view
     * {@code view} over it, ttl 0, of the given features ({@code "name:DTYPE"}).
     */
    void putDriverView(String view, String source, String... features) {
        String schema = Arrays.stream(features).map(feature -> feature.split(":", 2))
                .map(feature -> "{\"name\": \"%s\", \"dtype\": \"%s\"}".formatted(feature[0], feature[1])).collect(Collectors.joining(", "));
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"}],
                 "feature_views": [{"name": "%s", "entities": ["driver"], "source": "src", "ttl": "0", "schema": [%s]}]}"""
                .formatted(sourcePath(source), view, schema));
    }

    /** Writes one Parquet object of rows. */
    void writeParquet(String uri, RowSchema schema, List<Object[]> rows) {
        ParquetRowWriter.writeAll(objectStore, StorageUri.parse(uri), schema, rows.stream().map(values -> Row.of(schema, values)).toList(),
                ParquetWriteOptions.DEFAULTS);
    }

    /** The online record of a view for entity keys, in the view's current schema; null when there is none. */
    OnlineRecord online(String view, Object... keys) {
        return onlineIn(project, view, keys);
    }

    /** The online record of a view of another project for entity keys, in the view's current schema; null when there is none. */
    OnlineRecord onlineIn(String projectName, String view, Object... keys) {
        ResolvedFeatureView resolved = registry.registry(projectName).featureView(view);
        List<JoinKey> joinKeys = resolved.joinKeys();
        String key = OnlineKeys.recordKey(projectName, view, joinKeys, Arrays.asList(keys));
        return onlineStore.read(List.of(new RecordRead(key, OnlineSchema.of(resolved.schema())))).join().get(0);
    }

    RawHttp.Answer post(String path, String body) {
        return http.send("POST", path, "application/json", body);
    }

    /** POSTs a materialize request and returns the run ids it queued, in view order. */
    List<String> materialize(String path, String body) {
        RawHttp.Answer answer = post(path, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) answer.json().get("runs");
        return runs.stream().map(run -> (String) run.get("run_id")).toList();
    }

    /** Waits (bounded) for a run to finish and returns it. */
    Map<String, Object> awaitFinished(String runId) {
        Map<String, Object>[] run = new Map[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            RawHttp.Answer answer = http.get("/v1/runs/" + runId);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            run[0] = answer.json();
            return List.of("succeeded", "failed", "cancelled").contains(run[0].get("state"));
        });
        return run[0];
    }

    <T> void publish(EventType<T> type, T data) {
        publish(CloudEvents.create(type, "/test", data));
    }

    /** Publishes an event on its topic, as its producer would. */
    void publish(CloudEvent<?> event) {
        produce(EventTypes.byType(event.type()).orElseThrow().topic(), event.subject(), CloudEvents.toJson(event));
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    void produce(String topic, String key, String value) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.shared().kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send a record to %s".formatted(topic), e);
        }
    }
}
