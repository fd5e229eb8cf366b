package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.materialization.TestingRegistryClient;
import dev.featurestore.runtime.testing.AbstractAccessTableTest;
import dev.featurestore.runtime.testing.AccessTable;
import dev.featurestore.runtime.testing.TestingAccessDirectory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Role x endpoint x status of materialization-service, against the fixed keys of {@link TestingAccessDirectory}:
 * runs are read by viewers, started by ingesters.
 */
@MicronautTest
class AccessTableIT extends AbstractAccessTableTest {
    @Inject
    TestingRegistryClient registry;

    @Test
    void everyEndpointAnswersEachRoleAsTheTableSays() {
        // an authorized materialize names a view the project does not have: 404 after the role check, nothing queued
        String materialize = "{\"project\": \"%s\", \"feature_views\": [\"nothing_here\"], \"start_ts\": \"2026-01-01T00:00:00Z\", \"end_ts\": \"2026-01-02T00:00:00Z\"}"
                .formatted(PROJECT);
        String incremental = "{\"project\": \"%s\", \"feature_views\": [\"nothing_here\"]}".formatted(PROJECT);
        AccessTable table = new AccessTable()
                //                                                                   anon viewer ingest editor admin pii  elsewhere
                .row("GET", "/v1/runs?project=" + PROJECT, null, 401, 200, 200, 200, 200, 200, 403)
                .row("POST", "/v1/materialize", materialize, 401, 403, 404, 404, 404, 403, 403)
                .row("POST", "/v1/materialize-incremental", incremental, 401, 403, 404, 404, 404, 403, 403);

        assertThat(mismatches(table)).isEmpty();
    }
}
