package dev.featurestore.historical.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.historical.TestingRegistryClient;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.ServiceTestProperties;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bounds of a training-set request (docs/limits.md) against the attacks of issue 14: entity-row timestamps of
 * 10^18 or +-2^63 epoch milliseconds (500 before), far in the future or before 1900; NUL in names (the request is
 * kept in PostgreSQL, which refuses it) and in query parameters.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoricalBoundsIT implements TestPropertyProvider {
    private static final String PROJECT = "bounds";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper jsonMapper;
    @Inject
    TestingRegistryClient registry;

    private RawHttp http;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.withStack(Map.of());
    }

    @BeforeAll
    void define() {
        http = new RawHttp(server.getURI(), jsonMapper);
        registry.put(PROJECT, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "src", "type": "parquet", "path": "s3://featurestore/bounds-it/none/", "timestamp_field": "event_timestamp"}],
                 "feature_views": [{"name": "driver_hourly", "entities": ["driver"], "source": "src", "ttl": "0",
                                    "schema": [{"name": "trips", "dtype": "INT64"}]}]}""");
    }

    @Test
    void refusesEntityRowTimestampsThatOverflowOrLieOutsideTheRange() {
        String future = "\"%s\"".formatted(Instant.now().plus(Duration.ofDays(3)));
        for (String timestamp : List.of("1000000000000000000", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "\"+99999-01-01T00:00:00Z\"", "\"-5000-01-01T00:00:00Z\"", "\"1899-12-31T23:59:59Z\"", future)) {
            RawHttp.Answer answer = inline("{\"driver_id\": [1], \"event_timestamp\": [%s]}".formatted(timestamp));

            assertThat(answer.status()).as(timestamp + " -> " + answer.body()).isEqualTo(400);
            assertThat(errorPaths(answer)).as(timestamp).containsExactly("entity_source.rows.event_timestamp[0]");
        }
    }

    @Test
    void refusesNulInAStringOfTheEntityRowsAndInNames() {
        RawHttp.Answer row = inline("{\"driver_id\": [1], \"event_timestamp\": [\"2026-01-01T00:00:00Z\"], \"label\": [\"a\\u0000b\"]}");
        RawHttp.Answer names = http.send("POST", "/v1/historical-features?wait=true", "application/json", """
                {"project": "bou\\u0000nds", "features": ["driver_hourly:tr\\u0000ips"], "event_timestamp_column": "ts\\u0000",
                 "entity_source": {"rows": {"driver_id": [1]}}}""");

        assertThat(row.status()).as(row.body()).isEqualTo(400);
        assertThat(errorPaths(row)).containsExactly("entity_source.rows.label[0]");
        assertThat(names.status()).as(names.body()).isEqualTo(400);
        assertThat(errorPaths(names)).containsExactly("project", "features[0]", "event_timestamp_column");
    }

    @Test
    void refusesNulInAQueryParameterWithoutEchoingIt() {
        RawHttp.Answer answer = http.send("POST", "/v1/historical-features?wait=tr%00secret", "application/json", "{}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(errorPaths(answer)).containsExactly("wait");
        assertThat(answer.body()).doesNotContain("secret");
    }

    private RawHttp.Answer inline(String rows) {
        return http.send("POST", "/v1/historical-features?wait=true", "application/json", """
                {"project": "%s", "features": ["driver_hourly:trips"], "entity_source": {"rows": %s}}""".formatted(PROJECT, rows));
    }

    private static List<Object> errorPaths(RawHttp.Answer answer) {
        return ((List<?>) answer.json().get("errors")).stream().map(error -> ((Map<?, ?>) error).get("path")).map(Object.class::cast).toList();
    }
}
