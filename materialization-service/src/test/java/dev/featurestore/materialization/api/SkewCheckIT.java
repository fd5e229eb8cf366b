package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.ServiceTestProperties;
import dev.featurestore.testkit.ServiceProcess;
import dev.featurestore.testkit.TestStack;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The skew check across services: the real registry-service and historical-service run as child processes from their
 * jars, and this service reads the registry through its real client. A run's sampled entities read online equal
 * their point-in-time values from historical-service (passed); an online value that disagrees with the offline
 * history (as a bug in a writer would leave it) makes the next run's check fail, naming the entity and feature.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SkewCheckIT implements TestPropertyProvider {
    private static final int ENTITIES = 30;
    private static final RowSchema SOURCE = new RowSchema(List.of(
            new Column("driver_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP),
            new Column("conv_rate", ValueType.FLOAT64), new Column("trips", ValueType.INT32)));

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper jsonMapper;
    @Inject
    OnlineStore onlineStore;
    @Inject
    ObjectStore objectStore;

    private final String project = "skewcheckit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final List<ServiceProcess> services = new ArrayList<>();
    private RawHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, Object> stack = new HashMap<>(TestStack.shared().properties());
        ServiceProcess registry = start("registry-service", stack);
        Map<String, Object> historicalProperties = new HashMap<>(stack);
        historicalProperties.put("featurestore.registry-client.url", registry.url());
        ServiceProcess historical = start("historical-service", historicalProperties);
        return ServiceTestProperties.withStack(Map.of(
                "featurestore.test.real-registry", "true",
                "featurestore.registry-client.url", registry.url(),
                "featurestore.materialization.historical-url", historical.url(),
                "featurestore.materialization.poll-interval", "200ms"));
    }

    @BeforeAll
    void define() {
        http = new RawHttp(server.getURI(), jsonMapper);
        String path = "s3://%s/%s/driver_stats/".formatted(TestStack.shared().properties().get("featurestore.s3.bucket"), project);
        RawHttp registry = new RawHttp(URI.create(services.get(0).url()), jsonMapper);
        RawHttp.Answer applied = registry.send("POST", "/v1/projects/%s/apply".formatted(project), "application/json", """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "driver_src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"}],
                 "feature_views": [{"name": "driver_stats", "entities": ["driver"], "source": "driver_src", "ttl": "7d",
                                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "trips", "dtype": "INT64"}]}]}""".formatted(path));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        List<Row> rows = new ArrayList<>();
        for (long entity = 0; entity < ENTITIES; entity++) {
            rows.add(Row.of(SOURCE, entity, now.minus(3, ChronoUnit.HOURS), entity / 100.0, (int) entity));
            rows.add(Row.of(SOURCE, entity, now.minus(2, ChronoUnit.HOURS), entity / 10.0, (int) entity * 2));
        }
        ParquetRowWriter.writeAll(objectStore, StorageUri.parse(path + "part-00000.parquet"), SOURCE, rows, ParquetWriteOptions.DEFAULTS);
    }

    @AfterAll
    void stopServices() {
        services.forEach(ServiceProcess::close);
    }

    @Test
    void theCheckPassesOnAFaithfulRunAndFailsNamingAValueTheOnlineStoreGotWrong() {
        Map<String, Object> clean = materialize();

        assertThat(clean).containsEntry("state", "succeeded");
        Map<String, Object> cleanCheck = check(clean);
        assertThat(cleanCheck).as("%s", clean).containsEntry("state", "passed").containsEntry("sampled", ENTITIES).containsEntry("mismatches", 0);

        OnlineSchema schema = OnlineSchema.of(List.of(new Field("conv_rate", ValueType.FLOAT64, null, null),
                new Field("trips", ValueType.INT64, null, null)));
        String key = OnlineKeys.recordKey(project, "driver_stats", List.of(new JoinKey("driver_id", ValueType.INT64)), List.of(7L));
        onlineStore.write(List.of(new RecordWrite(key, schema, new OnlineRecord(now.minus(2, ChronoUnit.HOURS), now, List.of(0.7, 99L)), null))).join();
        Map<String, Object> skewed = materialize();

        Map<String, Object> skewedCheck = check(skewed);
        assertThat(skewedCheck).as("%s", skewed).containsEntry("state", "failed").containsEntry("mismatches", 1);
        assertThat((List<?>) skewedCheck.get("examples")).singleElement()
                .isEqualTo(Map.of("entity", Map.of("driver_id", 7), "feature", "trips", "online", 99, "offline", 14));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(Map<String, Object> run) {
        return (Map<String, Object>) ((Map<String, Object>) run.get("result")).get("skew_check");
    }

    private Map<String, Object> materialize() {
        RawHttp.Answer answer = http.send("POST", "/v1/materialize", "application/json", """
                {"project": "%s", "start_ts": "%s", "end_ts": "%s"}""".formatted(project, now.minus(1, ChronoUnit.DAYS), now));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String id = (String) ((Map<?, ?>) ((List<?>) answer.json().get("runs")).get(0)).get("run_id");
        Map<String, Object>[] run = new Map[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            run[0] = http.get("/v1/runs/" + id).json();
            return List.of("succeeded", "failed").contains(run[0].get("state"));
        });
        return run[0];
    }

    private ServiceProcess start(String module, Map<String, Object> properties) {
        ServiceProcess service = ServiceProcess.startHealthy(module, properties, Duration.ofSeconds(120));
        services.add(service);
        return service;
    }
}
