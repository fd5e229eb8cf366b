package dev.featurestore.historical.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.historical.TestingRegistryClient;
import dev.featurestore.runtime.testing.AbstractAccessTableTest;
import dev.featurestore.runtime.testing.AccessTable;
import dev.featurestore.runtime.testing.TestingAccessDirectory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Role x endpoint x status of historical-service, against the fixed keys of {@link TestingAccessDirectory}: viewers
 * build training sets, features tagged pii need pii_reader or admin. The view's source holds no object, so an
 * authorized request gets past the role checks to 400 naming it.
 */
@MicronautTest
class AccessTableIT extends AbstractAccessTableTest {
    @Inject
    TestingRegistryClient registry;

    @BeforeAll
    void define() {
        registry.put(PROJECT, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "driver_src", "type": "parquet", "path": "s3://featurestore/access_table/nothing/", "timestamp_field": "event_timestamp"}],
                 "feature_views": [{"name": "drivers", "entities": ["driver"], "source": "driver_src", "ttl": "1d",
                                    "schema": [{"name": "trips", "dtype": "INT64"},
                                               {"name": "phone", "dtype": "STRING", "tags": {"pii": "true"}}]}]}""");
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheTableSays() {
        String rows = "\"entity_source\": {\"rows\": {\"driver_id\": [1], \"event_timestamp\": [\"2026-01-01T00:00:00Z\"]}}";
        String plain = "{\"project\": \"%s\", \"features\": [\"drivers:trips\"], %s}".formatted(PROJECT, rows);
        String pii = "{\"project\": \"%s\", \"features\": [\"drivers:trips\", \"drivers:phone\"], %s}".formatted(PROJECT, rows);
        AccessTable table = new AccessTable()
                //                                                                   anon viewer ingest editor admin pii  elsewhere
                .row("POST", "/v1/historical-features?wait=true", plain, 401, 400, 400, 400, 400, 400, 403)
                .row("POST", "/v1/historical-features?wait=true", pii, 401, 403, 403, 403, 400, 400, 403);

        assertThat(mismatches(table)).isEmpty();
    }
}
