package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.testing.RawHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bounds of serving's inputs (docs/limits.md) against the attacks of issue 14: pushes dated far in the future
 * (which were served PRESENT and hid every later push), far in the past, or as epoch milliseconds that overflow; NUL
 * in a query parameter; large values never echoed whole.
 */
class ServingBoundsIT extends ServingApiTest {
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    void define() {
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "driver_src", "type": "parquet", "path": "s3://bucket/bounds/", "timestamp_field": "event_timestamp",
                    "created_timestamp_column": "created"},
                   {"name": "driver_push", "type": "push", "batch_source": "driver_src"}],
                 "feature_views": [
                   {"name": "driver_live", "entities": ["driver"], "source": "driver_push", "ttl": "0",
                    "schema": [{"name": "trips", "dtype": "INT64"}]}]}""");
    }

    @Test
    void refusesAPushDatedFarInTheFutureSoThatLaterPushesStillWin() {
        RawHttp.Answer future = push(1, "\"+99999-01-01T00:00:00Z\"", 666);
        RawHttp.Answer nextYear = push(1, "\"%s\"".formatted(now.plus(Duration.ofDays(365))), 666);
        RawHttp.Answer futureCreated = http.send("POST", "/push?project=" + project, "application/json", """
                {"push_source_name": "driver_push", "df": {"driver_id": [1], "event_timestamp": ["%s"], "created": ["+99999-01-01T00:00:00Z"],
                 "trips": [666]}}""".formatted(now));

        assertRefused(future, "df.event_timestamp[0]");
        assertRefused(nextYear, "df.event_timestamp[0]");
        assertThat(nextYear.body()).contains("after now");
        assertRefused(futureCreated, "df.created[0]");
        assertThat(push(1, "\"%s\"".formatted(now), 7).status()).isEqualTo(200);
        assertThat(trips(1)).isEqualTo(7);
    }

    @Test
    void acceptsAPushWithinTheFutureSkew() {
        RawHttp.Answer answer = push(2, "\"%s\"".formatted(now.plus(Duration.ofMinutes(30))), 5);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(trips(2)).isEqualTo(5);
    }

    @Test
    void refusesAPushDatedBefore1900() {
        assertRefused(push(3, "\"-5000-01-01T00:00:00Z\"", 1), "df.event_timestamp[0]");
        assertRefused(push(3, "\"1899-12-31T23:59:59Z\"", 1), "df.event_timestamp[0]");
        assertThat(push(3, "\"1899-12-31T23:59:59Z\"", 1).body()).contains("before 1900-01-01T00:00:00Z");
    }

    @Test
    void refusesEpochMillisecondsThatOverflowWith400() {
        for (String millis : List.of("1000000000000000000", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "-9223372036854775809")) {
            assertRefused(push(4, millis, 1), "df.event_timestamp[0]");
        }
    }

    @Test
    void refusesNulInAQueryParameterNamingItWithoutEchoingIt() {
        RawHttp.Answer answer = http.send("POST", "/get-online-features?project=" + project + "%00secret", "application/json",
                "{\"features\": [\"driver_live:trips\"], \"entities\": {\"driver_id\": [1]}}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("code", "VALIDATION_FAILED");
        assertThat(errorPaths(answer)).containsExactly("project");
        assertThat(answer.body()).doesNotContain("secret");
    }

    @Test
    void refusesAnInvalidProjectNameInTheHeader() {
        RawHttp.Answer answer = http.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/get-online-features"))
                .header("Content-Type", "application/json").header("X-Feature-Project", "No Such Project")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"features\": [\"driver_live:trips\"], \"entities\": {\"driver_id\": [1]}}")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(errorPaths(answer)).containsExactly("X-Feature-Project");
    }

    @Test
    void answersAMegabyteNameWithASmallProblem() {
        String name = "p".repeat(1_000_000);

        RawHttp.Answer answer = http.send("POST", "/push?project=" + project, "application/json", """
                {"push_source_name": "%s", "df": {"driver_id": [1]}}""".formatted(name));

        assertThat(answer.status()).as(answer.body().substring(0, Math.min(500, answer.body().length()))).isEqualTo(404);
        assertThat(answer.body().length()).isLessThan(4_000);
    }

    @Test
    void refusesMoreFeatureReferencesThanAllowed() {
        List<String> features = Collections.nCopies(1001, "\"driver_live:trips\"");

        RawHttp.Answer answer = post("/get-online-features", "{\"features\": %s, \"entities\": {\"driver_id\": [1]}}".formatted(features));

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(errorPaths(answer)).containsExactly("features");
    }

    private RawHttp.Answer push(int driver, String timestamp, int trips) {
        return post("/push", """
                {"push_source_name": "driver_push", "df": {"driver_id": [%d], "event_timestamp": [%s], "trips": [%d]}}""".formatted(driver, timestamp, trips));
    }

    private Object trips(int driver) {
        RawHttp.Answer answer = post("/get-online-features", """
                {"features": ["driver_live:trips"], "entities": {"driver_id": [%d]}}""".formatted(driver));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return ((List<?>) ((Map<?, ?>) ((List<?>) answer.json().get("results")).get(1)).get("values")).get(0);
    }

    static List<Object> errorPaths(RawHttp.Answer answer) {
        return ((List<?>) answer.json().get("errors")).stream().map(error -> ((Map<?, ?>) error).get("path")).map(Object.class::cast).toList();
    }

    private static void assertRefused(RawHttp.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains(field);
    }
}
