package dev.featurestore.serving.api;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.testkit.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An offline push whose batch source was stored before the registry confined paths to the storage roots (a local
 * directory, a relative path, another bucket, a climb out of the bucket) is refused with 400 naming
 * {@code push_source_name}; no directory or file is created and nothing is written online.
 */
class StorageRootsIT extends ServingApiTest {
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Path local;

    @BeforeAll
    void defineSources() throws IOException {
        local = Files.createTempDirectory("serving-confined");
        String bucket = String.valueOf(TestStack.shared().properties().get("featurestore.s3.bucket"));
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "local_src", "type": "parquet", "path": "file://%1$s/created/by/push/", "timestamp_field": "event_timestamp"},
                   {"name": "relative_src", "type": "parquet", "path": "relative/", "timestamp_field": "event_timestamp"},
                   {"name": "other_src", "type": "parquet", "path": "s3://other-bucket/x/", "timestamp_field": "event_timestamp"},
                   {"name": "climbing_src", "type": "parquet", "path": "s3://%2$s/a/../../other-bucket/", "timestamp_field": "event_timestamp"},
                   {"name": "local_push", "type": "push", "batch_source": "local_src"},
                   {"name": "relative_push", "type": "push", "batch_source": "relative_src"},
                   {"name": "other_push", "type": "push", "batch_source": "other_src"},
                   {"name": "climbing_push", "type": "push", "batch_source": "climbing_src"}],
                 "feature_views": [
                   {"name": "local_view", "entities": ["driver"], "source": "local_push", "ttl": "1h", "schema": [{"name": "trips", "dtype": "INT64"}]},
                   {"name": "relative_view", "entities": ["driver"], "source": "relative_push", "ttl": "1h", "schema": [{"name": "trips", "dtype": "INT64"}]},
                   {"name": "other_view", "entities": ["driver"], "source": "other_push", "ttl": "1h", "schema": [{"name": "trips", "dtype": "INT64"}]},
                   {"name": "climbing_view", "entities": ["driver"], "source": "climbing_push", "ttl": "1h", "schema": [{"name": "trips", "dtype": "INT64"}]}]}
                """.formatted(local, bucket));
    }

    @ParameterizedTest
    @CsvSource({"local_push, offline", "local_push, online_and_offline", "relative_push, offline", "other_push, offline",
            "climbing_push, online_and_offline"})
    void refusesAnOfflinePushOutsideTheRootsAndWritesNothing(String source, String to) throws IOException {
        RawHttp.Answer pushed = post("/push", """
                {"push_source_name": "%s", "to": "%s", "df": {"driver_id": [7], "event_timestamp": ["%s"], "trips": [3]}}"""
                .formatted(source, to, now));

        Map<String, Object> problem = assertProblem(pushed, 400, "INVALID_REQUEST");
        assertThat((List<?>) problem.get("errors")).anySatisfy(error -> assertThat(((Map<?, ?>) error).get("path")).isEqualTo("push_source_name"));
        try (var created = Files.list(local)) {
            assertThat(created.toList()).as("nothing created under %s", local).isEmpty();
        }
        RawHttp.Answer read = post("/get-online-features", """
                {"features": ["%s:trips"], "entities": {"driver_id": [7]}}""".formatted(source.replace("_push", "_view")));
        assertThat(read.body()).contains("NOT_FOUND");
    }
}
