package dev.featurestore.materialization.api;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
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
 * Keys and role bindings made in the registry reach the other services through its directory: the real registry and
 * historical-service as child processes, this service in process, all reading {@code GET /v1/access} with the
 * service key. A new key works everywhere within seconds, a revoked one stops within seconds, and features tagged
 * {@code pii} need the role for them.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessAcrossServicesIT implements TestPropertyProvider {
    /** The directory is read every 2 s; a bound with room for a loaded machine. */
    private static final Duration PROPAGATION = Duration.ofSeconds(15);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper jsonMapper;
    @Inject
    ObjectStore objectStore;

    private final String project = "accessit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<ServiceProcess> services = new ArrayList<>();
    private RawHttp registry;
    private RawHttp historical;
    private RawHttp materialization;

    @Override
    public Map<String, String> getProperties() {
        Map<String, Object> stack = new HashMap<>(TestStack.shared().properties());
        ServiceProcess registryProcess = start("registry-service", stack);
        Map<String, Object> historicalProperties = new HashMap<>(stack);
        historicalProperties.put("featurestore.registry-client.url", registryProcess.url());
        start("historical-service", historicalProperties);
        return ServiceTestProperties.withStack(Map.of(
                "featurestore.test.real-registry", "true",
                "featurestore.registry-client.url", registryProcess.url()));
    }

    private ServiceProcess start(String module, Map<String, Object> properties) {
        ServiceProcess service = ServiceProcess.startHealthy(module, properties, Duration.ofSeconds(120));
        services.add(service);
        return service;
    }

    @BeforeAll
    void define() {
        registry = new RawHttp(URI.create(services.get(0).url()), jsonMapper);
        historical = new RawHttp(URI.create(services.get(1).url()), jsonMapper);
        materialization = new RawHttp(server.getURI(), jsonMapper);
        String path = "s3://%s/%s/riders/".formatted(TestStack.shared().properties().get("featurestore.s3.bucket"), project);
        RawHttp.Answer applied = registry.send("POST", "/v1/projects/%s/apply".formatted(project), "application/json", """
                {"entities": [{"name": "rider", "join_keys": [{"name": "rider_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "rider_src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"}],
                 "feature_views": [{"name": "riders", "entities": ["rider"], "source": "rider_src", "ttl": "7d", "online": false,
                                    "schema": [{"name": "trips", "dtype": "INT64"},
                                               {"name": "home_address", "dtype": "STRING", "tags": {"pii": "true"}}]}]}""".formatted(path));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        RowSchema schema = new RowSchema(List.of(new Column("rider_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP),
                new Column("trips", ValueType.INT64), new Column("home_address", ValueType.STRING)));
        ParquetRowWriter.writeAll(objectStore, StorageUri.parse(path + "part-00000.parquet"), schema,
                List.of(Row.of(schema, 1L, Instant.now().minus(Duration.ofHours(1)), 12L, "1 Main Street")), ParquetWriteOptions.DEFAULTS);
    }

    @AfterAll
    void stopServices() {
        services.forEach(ServiceProcess::close);
    }

    private String createKey(String role) {
        RawHttp.Answer created = registry.send("POST", "/v1/projects/%s/api-keys".formatted(project), "application/json",
                "{\"name\": \"%s\", \"roles\": [\"%s\"]}".formatted(role, role));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.at("key");
    }

    private RawHttp.Answer runs(RawHttp caller) {
        return caller.get("/v1/runs?project=" + project);
    }

    private RawHttp.Answer trainingSet(RawHttp caller, String feature) {
        return caller.send("POST", "/v1/historical-features?wait=true", "application/json", """
                {"project": "%s", "features": ["riders:%s"],
                 "entity_source": {"rows": {"rider_id": [1], "event_timestamp": ["%s"]}}}""".formatted(project, feature, Instant.now()));
    }

    @Test
    void aNewKeyWorksEverywhereWithinSecondsAndARevokedOneStopsEverywhereWithinSeconds() {
        String key = createKey("ingester");
        RawHttp pipeline = materialization.as(key);
        RawHttp pipelineOnHistorical = historical.as(key);

        Instant created = Instant.now();
        await("the new key accepted by materialization and historical").atMost(PROPAGATION).pollInterval(Duration.ofMillis(100))
                .until(() -> runs(pipeline).status() == 200 && pipelineOnHistorical.get("/v1/jobs/" + UUID.randomUUID()).status() == 404);
        Duration toAccept = Duration.between(created, Instant.now());

        String keyId = key.substring(4, 16);
        assertThat(registry.send("DELETE", "/v1/projects/%s/api-keys/%s".formatted(project, keyId), null, null).status()).isEqualTo(200);
        Instant revoked = Instant.now();
        await("the revoked key refused by materialization and historical").atMost(PROPAGATION).pollInterval(Duration.ofMillis(100))
                .until(() -> runs(pipeline).status() == 401 && pipelineOnHistorical.get("/v1/jobs/" + UUID.randomUUID()).status() == 401);
        Duration toRefuse = Duration.between(revoked, Instant.now());

        assertProblem(registry.as(key).get("/v1/projects/" + project), 401, "UNAUTHORIZED");
        System.out.printf("AccessAcrossServicesIT: new key accepted everywhere after %d ms, revoked key refused everywhere after %d ms%n",
                toAccept.toMillis(), toRefuse.toMillis());
    }

    @Test
    void rolesAreEnforcedByTheOtherServicesAndPiiFeaturesNeedTheirRole() {
        String viewerKey = createKey("viewer");
        RawHttp viewerOnMaterialization = materialization.as(viewerKey);
        RawHttp viewerOnHistorical = historical.as(viewerKey);
        await("the viewer key known to materialization and historical").atMost(PROPAGATION).pollInterval(Duration.ofMillis(100))
                .until(() -> runs(viewerOnMaterialization).status() == 200 && viewerOnHistorical.get("/v1/jobs/" + UUID.randomUUID()).status() == 404);

        Map<String, Object> materialize = assertProblem(viewerOnMaterialization.send("POST", "/v1/materialize-incremental", "application/json",
                "{\"project\": \"%s\"}".formatted(project)), 403, "FORBIDDEN");
        Map<String, Object> pii = assertProblem(trainingSet(viewerOnHistorical, "home_address"), 403, "FORBIDDEN");
        RawHttp.Answer plain = trainingSet(viewerOnHistorical, "trips");

        assertThat((String) materialize.get("detail")).contains("ingester");
        assertThat((String) pii.get("detail")).contains("riders:home_address").contains("pii_reader");
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);

        RawHttp.Answer bound = registry.send("POST", "/v1/projects/%s/role-bindings".formatted(project), "application/json",
                "{\"principal\": \"key:%s\", \"role\": \"pii_reader\"}".formatted(viewerKey.substring(4, 16)));
        assertThat(bound.status()).as(bound.body()).isEqualTo(201);
        await("the pii_reader binding known to historical").atMost(PROPAGATION).pollInterval(Duration.ofMillis(100))
                .until(() -> trainingSet(viewerOnHistorical, "home_address").status() == 200);
        assertProblem(materialization.as(null).get("/v1/runs?project=" + project), 401, "UNAUTHORIZED");
    }
}
