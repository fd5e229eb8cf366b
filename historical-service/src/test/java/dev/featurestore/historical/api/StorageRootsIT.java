package dev.featurestore.historical.api;

import static dev.featurestore.offlinestore.RowSchema.column;
import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.historical.domain.job.JobRequest;
import dev.featurestore.historical.domain.job.JobState;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.testkit.S3Server;
import dev.featurestore.testkit.TestStack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Storage confined to the allowed roots (the test stack's bucket): entity sources and output URIs outside them, local
 * files, and {@code ..} in any encoding are refused with 400 naming the field; a feature view whose source was stored
 * before the rule (a local Parquet file, another bucket) is not read, at submit nor when its job runs, although the
 * files exist and hold rows.
 */
@MicronautTest(transactional = false)
class StorageRootsIT extends HistoricalApiTest {
    private static final String PROJECT = "confined";
    private static final String OTHER_BUCKET = "historical-other";
    private static final RowSchema DRIVER = RowSchema.of(column("driver_id", ValueType.INT64), column("event_timestamp", ValueType.UNIX_TIMESTAMP),
            column("trips", ValueType.INT64));
    private static final RowSchema ENTITY = RowSchema.of(column("driver_id", ValueType.INT64), column("event_timestamp", ValueType.UNIX_TIMESTAMP));

    private String base;
    private String other;
    private Path local;

    @Override
    Map<String, String> moreProperties() {
        return Map.of("featurestore.historical.poll-interval", "200ms");
    }

    @BeforeAll
    void writeData() throws IOException {
        S3Server s3 = TestStack.shared().s3();
        base = "s3://%s/confined-%s".formatted(s3.bucket(), UUID.randomUUID());
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        List<Row> features = List.of(Row.of(DRIVER, 1L, start, 7L));
        List<Row> entities = List.of(Row.of(ENTITY, 1L, start.plusSeconds(60)));
        ParquetRowWriter.writeAll(store, StorageUri.parse(base + "/driver/part-0.parquet"), DRIVER, features, ParquetWriteOptions.DEFAULTS);
        ParquetRowWriter.writeAll(store, StorageUri.parse(base + "/entities.parquet"), ENTITY, entities, ParquetWriteOptions.DEFAULTS);
        // The same rows where the service must not read: a local directory and another bucket its credentials reach.
        local = Files.createTempDirectory("historical-confined");
        ParquetRowWriter.writeAll(new LocalObjectStore(), StorageUri.of(local.resolve("driver/part-0.parquet")), DRIVER, features,
                ParquetWriteOptions.DEFAULTS);
        ParquetRowWriter.writeAll(new LocalObjectStore(), StorageUri.of(local.resolve("entities.parquet")), ENTITY, entities,
                ParquetWriteOptions.DEFAULTS);
        s3.createBucket(OTHER_BUCKET);
        other = "s3://%s/confined".formatted(OTHER_BUCKET);
        try (S3Client client = S3Client.builder().endpointOverride(java.net.URI.create(s3.endpoint())).region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .forcePathStyle(true).build()) {
            S3ObjectStore unconfined = new S3ObjectStore(client);
            ParquetRowWriter.writeAll(unconfined, StorageUri.parse(other + "/driver/part-0.parquet"), DRIVER, features, ParquetWriteOptions.DEFAULTS);
            ParquetRowWriter.writeAll(unconfined, StorageUri.parse(other + "/entities.parquet"), ENTITY, entities, ParquetWriteOptions.DEFAULTS);
        }
        // Definitions as the registry held them before it checked paths at apply.
        registry.put(PROJECT, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "inside_src", "type": "parquet", "path": "%s/driver/", "timestamp_field": "event_timestamp"},
                   {"name": "local_src", "type": "parquet", "path": "file://%s/driver/", "timestamp_field": "event_timestamp"},
                   {"name": "other_src", "type": "parquet", "path": "%s/driver/", "timestamp_field": "event_timestamp"},
                   {"name": "relative_src", "type": "parquet", "path": "driver/", "timestamp_field": "event_timestamp"}],
                 "feature_views": [
                   {"name": "inside", "entities": ["driver"], "source": "inside_src", "ttl": "0", "schema": [{"name": "trips", "dtype": "INT64"}]},
                   {"name": "local", "entities": ["driver"], "source": "local_src", "ttl": "0", "schema": [{"name": "trips", "dtype": "INT64"}]},
                   {"name": "other", "entities": ["driver"], "source": "other_src", "ttl": "0", "schema": [{"name": "trips", "dtype": "INT64"}]},
                   {"name": "relative", "entities": ["driver"], "source": "relative_src", "ttl": "0", "schema": [{"name": "trips", "dtype": "INT64"}]}]}
                """.formatted(base, local, other));
    }

    @Test
    void aTrainingSetInsideTheRootsIsBuilt() {
        RawHttp.Answer submitted = submit("inside:trips", base + "/entities.parquet", base + "/out-inside/");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        assertThat(awaitFinished((String) submitted.at("job_id")).get("state")).isEqualTo("succeeded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file://%2$s/entities.parquet", "%3$s/entities.parquet", "s3://%4$s/../%5$s/confined/entities.parquet",
            "%1$s/x/%%2e%%2e/%%2e%%2e/../../%5$s/confined/entities.parquet", "/etc/passwd", "hdfs://namenode/entities.parquet",
            "S3://%5$s/confined/entities.parquet"})
    void refusesAnEntitySourceOutsideTheRoots(String template) {
        assertRefused(submit("inside:trips", expand(template), base + "/out-refused-entities/"), "entity_source.uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file://%2$s/out/", "%3$s/out/", "%1$s/../../%5$s/out/", "%1$s/%%2e%%2e/%%2e%%2e/%5$s/out/",
            "%1$s\\..\\..\\%5$s\\out\\", "s3://%4$s/a/../../x/", "s3://user@%4$s/out/"})
    void refusesAnOutputUriOutsideTheRootsOrClimbingOutOfThem(String template) {
        assertRefused(submit("inside:trips", base + "/entities.parquet", expand(template)), "output_uri");
        assertThat(store.list(StorageUri.parse(base + "/out/"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:trips", "other:trips", "relative:trips"})
    void doesNotReadAFeatureSourceStoredOutsideTheRoots(String feature) {
        RawHttp.Answer refused = submit(feature, base + "/entities.parquet", base + "/out-" + feature.replace(':', '-') + "/");
        Map<String, Object> problem = assertProblem(refused, 400, (String) refused.json().get("code"));
        assertThat(problem.get("errors").toString()).contains("path=features");
    }

    @Test
    void aQueuedJobReadingALocalSourceFailsWithAClearErrorAndWritesNothing() {
        UUID id = UUID.randomUUID();
        jobs.create(id, new JobRequest(PROJECT, List.of("local:trips"), Optional.empty(), Optional.of(base + "/entities.parquet"), Optional.empty(),
                "event_timestamp", false, Optional.of(base + "/out-queued/")), JobState.QUEUED, Optional.empty());

        Map<String, Object> job = awaitFinished(id.toString());

        assertThat(job.get("state")).isEqualTo("failed");
        assertThat(job.get("error").toString()).contains("file://").containsIgnoringCase("storage");
        assertThat(store.list(StorageUri.parse(base + "/out-queued/"))).isEmpty();
    }

    /** %1$s base, %2$s local directory, %3$s other bucket's prefix, %4$s the bucket, %5$s the other bucket. */
    private String expand(String template) {
        return template.formatted(base, local, other, TestStack.shared().s3().bucket(), OTHER_BUCKET);
    }

    private static void assertRefused(RawHttp.Answer answer, String field) {
        Map<String, Object> problem = assertProblem(answer, 400, "INVALID_REQUEST");
        assertThat((List<?>) problem.get("errors")).as(answer.body()).anySatisfy(error -> assertThat(((Map<?, ?>) error).get("path")).isEqualTo(field));
        assertThat(answer.body().length()).isLessThan(2_000);
    }

    private RawHttp.Answer submit(String feature, String entities, String output) {
        return http.send("POST", "/v1/historical-features", "application/json", """
                {"project": "%s", "features": ["%s"], "entity_source": {"uri": "%s"}, "output_uri": "%s"}"""
                .formatted(PROJECT, feature, entities.replace("\\", "\\\\"), output.replace("\\", "\\\\")));
    }

}
