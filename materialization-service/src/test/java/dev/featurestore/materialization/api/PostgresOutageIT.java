package dev.featurestore.materialization.api;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.testkit.PostgresServer;
import dev.featurestore.testkit.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL outage (the whole server of the service stopped, then started again on the same port and data
 * directory) around materialization runs: requests answer 503 problem+json without a stack trace, a run caught by the
 * outage ends (succeeded, or failed and retried by the next run) rather than hanging, its watermark never moves past
 * what was written, and runs succeed once PostgreSQL is back.
 */
class PostgresOutageIT extends MaterializationApiTest {
    private static final RowSchema SOURCE = new RowSchema(List.of(
            new Column("driver_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP), new Column("conv_rate", ValueType.FLOAT64)));

    private final PostgresServer postgres = TestStack.shared().dedicatedPostgres();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Override
    Map<String, String> moreProperties() {
        return Map.of("datasources.default.url", postgres.jdbcUrl(),
                "datasources.default.username", postgres.user(),
                "datasources.default.password", postgres.password(),
                "featurestore.materialization.stream-enabled", "false");
    }

    @BeforeAll
    void define() {
        putDriverView("driver_pg", "pg", "conv_rate:FLOAT64");
        List<Object[]> rows = new ArrayList<>();
        for (long driver = 1; driver <= 2_000; driver++) {
            rows.add(new Object[] {driver, now.minus(2, ChronoUnit.HOURS), driver / 1000.0});
        }
        writeParquet(sourcePath("pg") + "part-00000.parquet", SOURCE, rows);
    }

    @AfterAll
    void closePostgres() {
        postgres.close();
    }

    @Test
    void requestsAnswer503WhilePostgresIsStoppedAndRunsSucceedOnceItIsBack() {
        postgres.stop();
        assertProblem(post("/v1/materialize-incremental", """
                {"project": "%s", "end_ts": "%s"}""".formatted(project, now)), 503, "SERVICE_UNAVAILABLE");
        assertProblem(http.get("/v1/runs?project=" + project), 503, "SERVICE_UNAVAILABLE");
        postgres.start();

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(http.get("/v1/runs?project=" + project).status()).isEqualTo(200));
        Map<String, Object> run = awaitFinished(materialize("/v1/materialize-incremental", """
                {"project": "%s", "end_ts": "%s"}""".formatted(project, now)).get(0));
        assertThat(run).as(run.toString()).containsEntry("state", "succeeded");
        assertThat(online("driver_pg", 1_500L).values()).isEqualTo(List.of(1.5));
    }

    @Test
    void aRunCaughtByTheOutageEndsAndTheNextRunCopiesWhatItMissed() {
        String id = materialize("/v1/materialize-incremental", """
                {"project": "%s", "end_ts": "%s"}""".formatted(project, now.plus(30, ChronoUnit.MINUTES))).get(0);
        postgres.stop();
        postgres.start();

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(http.get("/v1/runs/" + id).status()).isEqualTo(200));
        Map<String, Object> caught = awaitFinished(id);
        assertThat(caught.get("state")).as(caught.toString()).isIn("succeeded", "failed");
        Map<String, Object> next = awaitFinished(materialize("/v1/materialize-incremental", """
                {"project": "%s", "end_ts": "%s"}""".formatted(project, now.plus(50, ChronoUnit.MINUTES))).get(0));
        assertThat(next).as(next.toString()).containsEntry("state", "succeeded");
        assertThat(online("driver_pg", 2_000L).values()).isEqualTo(List.of(2.0));
    }
}
