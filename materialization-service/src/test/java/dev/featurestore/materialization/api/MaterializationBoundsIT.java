package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.testing.RawHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bounds of materialization's windows (docs/limits.md) against the attacks of issue 14: an {@code end_ts} in year
 * 99999 (which moved the watermark so that every later incremental run read nothing), windows before 1900, epoch
 * milliseconds that overflow (500 before), NUL in a query parameter. Nothing is queued for a refused request.
 */
class MaterializationBoundsIT extends MaterializationApiTest {
    @Test
    void refusesAnIncrementalEndFarInTheFutureAndQueuesNothing() {
        RawHttp.Answer answer = post("/v1/materialize-incremental", """
                {"project": "%s", "end_ts": "+99999-01-01T00:00:00Z"}""".formatted(project));

        assertRefused(answer, "end_ts");
        assertThat(runs()).isEmpty();
    }

    @Test
    void refusesAWindowEndingMoreThanTheSkewAfterNow() {
        RawHttp.Answer answer = post("/v1/materialize", """
                {"project": "%s", "start_ts": "2026-01-01T00:00:00Z", "end_ts": "%s"}""".formatted(project, Instant.now().plus(Duration.ofDays(2))));

        assertRefused(answer, "end_ts");
        assertThat(answer.body()).contains("after now");
        assertThat(runs()).isEmpty();
    }

    @Test
    void refusesAWindowStartingBefore1900() {
        RawHttp.Answer answer = post("/v1/materialize", """
                {"project": "%s", "start_ts": "-5000-01-01T00:00:00Z", "end_ts": "2026-01-01T00:00:00Z"}""".formatted(project));

        assertRefused(answer, "start_ts");
    }

    @Test
    void refusesEpochMillisecondsThatOverflowWith400NamingEachField() {
        for (String millis : List.of("1000000000000000000", "9223372036854775807", "9223372036854775808", "-9223372036854775808")) {
            RawHttp.Answer answer = post("/v1/materialize", """
                    {"project": "%s", "start_ts": %s, "end_ts": %s}""".formatted(project, millis, millis));
            RawHttp.Answer incremental = post("/v1/materialize-incremental", """
                    {"project": "%s", "end_ts": %s}""".formatted(project, millis));

            assertRefused(answer, "start_ts");
            assertThat(errorPaths(answer)).containsExactly("start_ts", "end_ts");
            assertRefused(incremental, "end_ts");
        }
    }

    @Test
    void acceptsAWindowInRangeAsFarAsTheRegistry() {
        RawHttp.Answer answer = post("/v1/materialize", """
                {"project": "%s", "start_ts": "1900-01-01T00:00:00Z", "end_ts": %d}""".formatted(project, Instant.now().toEpochMilli()));

        // the window passes; the project is not in the registry
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
    }

    @Test
    void refusesNulInAQueryParameterWithoutEchoingIt() {
        RawHttp.Answer answer = http.get("/v1/runs?project=demo%00secret");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(errorPaths(answer)).containsExactly("project");
        assertThat(answer.body()).doesNotContain("secret");
    }

    @Test
    void refusesAnInvalidProjectOrViewName() {
        RawHttp.Answer answer = post("/v1/materialize-incremental", """
                {"project": "%s", "feature_views": ["ok", "Not a name"]}""".formatted("x".repeat(5000)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(errorPaths(answer)).containsExactly("project", "feature_views[1]");
        assertThat(answer.body().length()).isLessThan(2_000);
    }

    private List<?> runs() {
        RawHttp.Answer answer = http.get("/v1/runs?project=" + project);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return (List<?>) answer.json().get("runs");
    }

    private static List<Object> errorPaths(RawHttp.Answer answer) {
        return ((List<?>) answer.json().get("errors")).stream().map(error -> ((Map<?, ?>) error).get("path")).map(Object.class::cast).toList();
    }

    private static void assertRefused(RawHttp.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(errorPaths(answer)).contains(field);
    }
}
