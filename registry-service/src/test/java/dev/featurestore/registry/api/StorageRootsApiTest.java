package dev.featurestore.registry.api;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.testing.RawHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data-source paths are confined to the allowed storage roots (here {@code s3://featurestore/} and
 * {@code s3://lake/team-a/}): local files, other schemes, relative paths, other buckets and prefixes, and every
 * encoding of a climb out of a root are refused at apply with 400 naming {@code data_sources.<name>.path}, and
 * nothing is written.
 */
@MicronautTest(transactional = false)
class StorageRootsApiTest extends AbstractRegistryApiTest {

    @Override
    Map<String, String> additionalProperties() {
        return Map.of("featurestore.storage.allowed-roots", "s3://featurestore/,s3://lake/team-a/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "file:///etc/", "file:///tmp/features/", "/etc/", "relative/path/", "hdfs://namenode/features/", "http://169.254.169.254/x/",
            "s3://other-bucket/features/", "s3://lake/team-b/", "s3://lake/team-a/../team-b/", "s3://lake/team-a/%2e%2e/team-b/",
            "s3://lake/team-a/%252e%252e/team-b/", "s3://lake/team-a\\..\\team-b/", "S3://LAKE/team-a/..//team-b/",
            "s3://featurestore/../other/", "s3://featurestore/a%00b/", "s3://user@featurestore/x/"})
    void refusesASourcePathOutsideTheRootsNamingItAndWritesNothing(String path) {
        String project = newProject();

        assertThat(refusedPaths(apply(project, "", document(path)))).contains("data_sources.driver_src.path");
        assertThat(http.get("/v1/projects/%s/data_sources/driver_src".formatted(project)).status()).isEqualTo(404);
        assertThat(outboxRows(project)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://featurestore/drivers/", "s3://lake/team-a/drivers/", "s3a://featurestore/drivers/", "s3://featurestore/drivers"})
    void acceptsAPathUnderARoot(String path) {
        RawHttp.Answer applied = apply(newProject(), "", document(path));

        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://featurestore/x/../drivers/", "S3://FEATURESTORE/drivers/", "s3://featurestore//drivers/",
            "s3://featurestore/./drivers/"})
    void refusesAPathInsideARootNotInNormalizedFormNamingTheFormToUse(String path) {
        RawHttp.Answer refused = apply(newProject(), "", document(path));

        assertThat(refusedPaths(refused)).containsExactly("data_sources.driver_src.path");
        assertThat(refused.body()).contains("write it as 's3://featurestore/drivers/'");
    }

    @Test
    void refusesAnOutsidePathOfOneSourcePutAlone() {
        String project = newProject();
        RawHttp.Answer answer = http.send("PUT", "/v1/projects/%s/data_sources/driver_src".formatted(project), "application/json", """
                {"name": "driver_src", "type": "parquet", "path": "file:///etc/", "timestamp_field": "event_timestamp"}""");

        assertThat(refusedPaths(answer)).containsExactly("data_sources.driver_src.path");
    }

    private static String document(String path) {
        return """
                {"data_sources": [{"name": "driver_src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"}]}"""
                .formatted(path.replace("\\", "\\\\"));
    }

    /** Asserts a short 400 VALIDATION_FAILED problem; returns the paths of its field errors. */
    @SuppressWarnings("unchecked")
    private static List<String> refusedPaths(RawHttp.Answer answer) {
        Map<String, Object> problem = assertProblem(answer, 400, "VALIDATION_FAILED");
        assertThat(answer.body().length()).isLessThan(2_000);
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(error -> (String) error.get("path")).toList();
    }
}
