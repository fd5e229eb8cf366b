package dev.featurestore.serving.api;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.ServiceTestProperties;
import dev.featurestore.serving.TestingRegistryClient;
import dev.featurestore.testkit.TestStack;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The service on the test stack with a registry held in memory; each test class has a project of its own. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServingApiTest implements TestPropertyProvider {
    static final int MAX_ENTITY_ROWS = 50;
    static final int MAX_PUSH_ROWS = 20;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper jsonMapper;
    @Inject
    TestingRegistryClient registry;
    @Inject
    OnlineStore store;

    final String project = getClass().getSimpleName().toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    RawHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Map.of(
                "featurestore.serving.max-entity-rows", String.valueOf(MAX_ENTITY_ROWS),
                "featurestore.serving.max-push-rows", String.valueOf(MAX_PUSH_ROWS)));
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

    /** Defines {@code driver_hourly}: one FLOAT64 feature {@code conv_rate} of entity {@code driver}, with {@code ttl}. */
    void defineDriverHourly(String ttl) {
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "driver_src", "type": "parquet", "path": "s3://bucket/driver/", "timestamp_field": "event_timestamp"}],
                 "feature_views": [{"name": "driver_hourly", "entities": ["driver"], "source": "driver_src", "ttl": "%s",
                                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]}]}""".formatted(ttl));
    }

    /** Writes {@code driver_hourly}'s record of a driver through the service's own online store. */
    void writeDriverHourly(long driver, Instant event, double convRate) {
        OnlineSchema schema = OnlineSchema.of(registry.registry(project).featureView("driver_hourly").schema());
        String key = OnlineKeys.recordKey(project, "driver_hourly", List.of(new JoinKey("driver_id", ValueType.INT64)), List.of(driver));
        store.write(List.of(new RecordWrite(key, schema, new OnlineRecord(event, null, List.of(convRate)), null))).join();
    }

    /** POSTs JSON to {@code path} of this class's project. */
    /** {@code s3://<bucket>/<project>/<name>/}: a batch source prefix of this class's own. */
    String sourcePath(String name) {
        return "s3://%s/%s/%s/".formatted(TestStack.shared().properties().get("featurestore.s3.bucket"), project, name);
    }

    RawHttp.Answer post(String path, String body) {
        return http.send("POST", path + "?project=" + project, "application/json", body);
    }
}
