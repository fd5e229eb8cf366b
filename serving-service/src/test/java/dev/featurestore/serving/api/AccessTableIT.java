package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.testing.AbstractAccessTableTest;
import dev.featurestore.runtime.testing.AccessTable;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TestingAccessDirectory;
import dev.featurestore.serving.TestingRegistryClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Role x endpoint x status of serving-service, against the fixed keys of {@link TestingAccessDirectory}: reads need
 * viewer, pushes and writes ingester, features tagged pii pii_reader or admin; the same with the project in the path.
 */
@MicronautTest
class AccessTableIT extends AbstractAccessTableTest {
    @Inject
    TestingRegistryClient registry;

    @BeforeAll
    void define() {
        registry.put(PROJECT, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "driver_src", "type": "parquet", "path": "s3://bucket/access_table/", "timestamp_field": "event_timestamp"},
                                  {"name": "driver_push", "type": "push", "batch_source": "driver_src"}],
                 "feature_views": [{"name": "drivers", "entities": ["driver"], "source": "driver_push", "ttl": "1d",
                                    "schema": [{"name": "trips", "dtype": "INT64"},
                                               {"name": "phone", "dtype": "STRING", "tags": {"pii": "true"}}]}]}""");
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheTableSays() {
        String read = "{\"features\": [\"drivers:trips\"], \"entities\": {\"driver_id\": [1]}}";
        String readPii = "{\"features\": [\"drivers:trips\", \"drivers:phone\"], \"entities\": {\"driver_id\": [1]}}";
        String push = "{\"push_source_name\": \"driver_push\", \"to\": \"online\", \"df\": {\"driver_id\": [1], \"event_timestamp\": [\"%s\"], \"trips\": [3], \"phone\": [\"555-0100\"]}}"
                .formatted(Instant.now());
        String write = "{\"feature_view_name\": \"drivers\", \"df\": {\"driver_id\": [1], \"event_timestamp\": [\"%s\"], \"trips\": [3], \"phone\": [\"555-0100\"]}}"
                .formatted(Instant.now());
        AccessTable table = new AccessTable()
                //                                                               anon viewer ingest editor admin pii  elsewhere
                .row("POST", "/get-online-features?project=" + PROJECT, read, 401, 200, 200, 200, 200, 200, 403)
                .row("POST", "/get-online-features?project=" + PROJECT, readPii, 401, 403, 403, 403, 200, 200, 403)
                .row("POST", "/push?project=" + PROJECT, push, 401, 403, 200, 200, 200, 403, 403)
                .row("POST", "/write-to-online-store?project=" + PROJECT, write, 401, 403, 200, 200, 200, 403, 403)
                // the same endpoints with the project in the path, as Feast's remote online store calls them
                .row("POST", "/projects/" + PROJECT + "/get-online-features", read, 401, 200, 200, 200, 200, 200, 403)
                .row("POST", "/projects/" + PROJECT + "/get-online-features", readPii, 401, 403, 403, 403, 200, 200, 403)
                .row("POST", "/projects/" + PROJECT + "/push", push, 401, 403, 200, 200, 200, 403, 403)
                .row("POST", "/projects/" + PROJECT + "/write-to-online-store", write, 401, 403, 200, 200, 200, 403, 403)
                .row("GET", "/projects/" + PROJECT + "/health", null, 401, 200, 200, 200, 200, 200, 403)
                .row("GET", "/prometheus", null, 401, 200, 200, 200, 200, 200, 200);

        assertThat(mismatches(table)).isEmpty();
    }

    @Test
    void aPiiRefusalNamesTheFeatureAndTheRole() {
        RawHttp viewer = new RawHttp(server.getURI(), jsonMapper, TestingAccessDirectory.KEYS.get("viewer"));

        RawHttp.Answer answer = viewer.send("POST", "/get-online-features?project=" + PROJECT, "application/json",
                "{\"features\": [\"drivers:phone\"], \"entities\": {\"driver_id\": [1]}}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.at("detail").toString()).contains("drivers:phone").contains("pii_reader");
    }
}
