package dev.featurestore.registry;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.ServiceTestProperties;
import dev.featurestore.testkit.PostgresServer;
import dev.featurestore.testkit.TestStack;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real PostgreSQL outage: the whole server of the registry is stopped (every backend, not one connection) while
 * applies arrive, then started again on the same port and data directory. Applies answer 503 problem+json without
 * a stack trace, write nothing partially, and the registry works again once PostgreSQL is back.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOutageIT implements TestPropertyProvider {
    private final PostgresServer postgres = TestStack.shared().dedicatedPostgres();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper jsonMapper;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.withStack(Map.of(
                "datasources.default.url", postgres.jdbcUrl(),
                "datasources.default.username", postgres.user(),
                "datasources.default.password", postgres.password()));
    }

    @AfterAll
    void closePostgres() {
        postgres.close();
    }

    @Test
    void applyAnswers503WhilePostgresIsStoppedWritesNothingAndWorksOnceItIsBack() {
        RawHttp http = new RawHttp(server.getURI(), jsonMapper);
        assertThat(apply(http, "before_outage").status()).isEqualTo(200);

        postgres.stop();
        RawHttp.Answer refused = apply(http, "during_outage");
        RawHttp.Answer read = http.get("/v1/projects/before_outage/entities/driver");

        for (RawHttp.Answer answer : List.of(refused, read)) {
            assertProblem(answer, 503, "SERVICE_UNAVAILABLE");
            assertThat(answer.body()).doesNotContain("Exception");
        }

        postgres.start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(http.get("/v1/projects/before_outage/entities/driver").status()).isEqualTo(200));
        assertThat(http.get("/v1/projects/during_outage/entities/driver").status()).isEqualTo(404);
        assertThat(apply(http, "after_outage").status()).isEqualTo(200);
        assertThat(http.get("/v1/projects/after_outage/feature_views/driver_hourly").status()).isEqualTo(200);
    }

    @Test
    void appliesInFlightWhenPostgresStopsAreEachWhollyWrittenOrNotAtAll() throws Exception {
        RawHttp http = new RawHttp(server.getURI(), jsonMapper);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<CompletableFuture<RawHttp.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                String project = "in_flight_" + i;
                answers.add(CompletableFuture.supplyAsync(() -> apply(http, project), callers));
                if (i == 8) {
                    postgres.stop();
                }
            }
            for (CompletableFuture<RawHttp.Answer> answer : answers) {
                RawHttp.Answer done = answer.get();
                assertThat(done.status()).as(done.body()).isIn(200, 503);
                assertThat(done.body()).doesNotContain("Exception");
            }
        } finally {
            callers.shutdownNow();
            postgres.start();
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(http.get("/v1/projects").status()).isEqualTo(200));
        for (int i = 0; i < answers.size(); i++) {
            String project = "in_flight_" + i;
            int entity = http.get("/v1/projects/%s/entities/driver".formatted(project)).status();
            int source = http.get("/v1/projects/%s/data_sources/driver_src".formatted(project)).status();
            int view = http.get("/v1/projects/%s/feature_views/driver_hourly".formatted(project)).status();
            assertThat(Set.copyOf(List.of(entity, source, view))).as(project + ": all of the apply or none of it").isIn(Set.of(200), Set.of(404));
            if (answers.get(i).get().status() == 200) {
                assertThat(view).as(project).isEqualTo(200);
            }
        }
    }

    private static RawHttp.Answer apply(RawHttp http, String project) {
        return http.send("POST", "/v1/projects/%s/apply".formatted(project), "application/json", """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "driver_src", "type": "parquet", "path": "s3://featurestore/outage/driver/",
                                   "timestamp_field": "event_timestamp"}],
                 "feature_views": [{"name": "driver_hourly", "entities": ["driver"], "source": "driver_src", "ttl": "1d",
                                    "schema": [{"name": "trips", "dtype": "INT64"}]}]}
                """);
    }
}
