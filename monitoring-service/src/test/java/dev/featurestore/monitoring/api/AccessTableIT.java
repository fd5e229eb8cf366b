package dev.featurestore.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.monitoring.MonitoringInstance;
import dev.featurestore.runtime.testing.AccessTable;
import dev.featurestore.runtime.testing.TestingAccessDirectory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Role x endpoint x status of monitoring-service, against the fixed keys of {@link TestingAccessDirectory}: freshness
 * and statistics need viewer, pinning a baseline editor, webhooks admin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTableIT {
    private static final String PROJECT = TestingAccessDirectory.PROJECT;
    private MonitoringInstance instance;

    @BeforeAll
    void start() {
        instance = MonitoringInstance.start(Map.of("featurestore.test.access-table", "true"));
        instance.registry().put(PROJECT, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "driver_src", "type": "parquet", "path": "s3://bucket/access_table/", "timestamp_field": "event_timestamp"}],
                 "feature_views": [{"name": "drivers", "entities": ["driver"], "source": "driver_src", "ttl": "1d", "freshness_sla": "1h",
                                    "schema": [{"name": "trips", "dtype": "INT64"}]}]}""");
    }

    @AfterAll
    void stop() {
        instance.close();
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheTableSays() {
        // an authorized webhook is refused for its event type after the role check: nothing is registered
        String webhook = "{\"project\": \"%s\", \"url\": \"https://hooks.example.com/\", \"event_types\": [\"bogus\"]}".formatted(PROJECT);
        AccessTable table = new AccessTable()
                //                                                                            anon viewer ingest editor admin pii  elsewhere
                .row("GET", "/v1/freshness?project=" + PROJECT, null, 401, 200, 200, 200, 200, 200, 403)
                // a view monitoring has not heard of: 404 once past the role check
                .row("GET", "/v1/freshness/%s/drivers".formatted(PROJECT), null, 401, 404, 404, 404, 404, 404, 403)
                .row("GET", "/v1/features/%s/drivers/statistics".formatted(PROJECT), null, 401, 404, 404, 404, 404, 404, 403)
                .row("PUT", "/v1/features/%s/drivers/statistics/baseline".formatted(PROJECT), "{}", 401, 403, 403, 404, 404, 403, 403)
                .row("GET", "/v1/webhooks?project=" + PROJECT, null, 401, 403, 403, 403, 200, 403, 403)
                .row("POST", "/v1/webhooks", webhook, 401, 403, 403, 403, 400, 403, 403);

        assertThat(table.mismatches(instance.http())).isEmpty();
    }
}
