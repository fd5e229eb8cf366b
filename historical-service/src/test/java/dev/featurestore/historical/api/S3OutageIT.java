package dev.featurestore.historical.api;

import static dev.featurestore.offlinestore.RowSchema.column;
import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.historical.domain.job.JobRequest;
import dev.featurestore.historical.domain.job.JobState;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.testkit.S3Server;
import dev.featurestore.testkit.TestStack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 API server stopped during a training-set job (a server of the test's own, stopped and started again on the
 * same port with its objects): the job fails with a readable error and leaves no output, a submit while it is down
 * answers 503 problem+json, and once it is back later jobs succeed.
 */
@MicronautTest(transactional = false)
class S3OutageIT extends HistoricalApiTest {
    private static final String PROJECT = "s3_outage";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private final S3Server s3 = TestStack.shared().dedicatedS3();

    private String base;

    @Override
    Map<String, String> moreProperties() {
        return Map.of(
                "featurestore.s3.endpoint", s3.endpoint(),
                "featurestore.s3.access-key", s3.accessKey(),
                "featurestore.s3.secret-key", s3.secretKey(),
                "featurestore.s3.region", s3.region(),
                "featurestore.s3.bucket", s3.bucket(),
                "featurestore.historical.poll-interval", "200ms",
                "featurestore.historical.heartbeat-interval", "300ms",
                "featurestore.historical.lease-timeout", "3s");
    }

    @BeforeAll
    void writeData() {
        base = "s3://%s/s3-outage-%s".formatted(s3.bucket(), UUID.randomUUID());
        RowSchema driver = RowSchema.of(column("driver_id", ValueType.INT64), column("event_timestamp", ValueType.UNIX_TIMESTAMP),
                column("trips", ValueType.INT64));
        List<Row> features = new ArrayList<>();
        for (long id = 1; id <= 50; id++) {
            features.add(Row.of(driver, id, START, id * 10));
        }
        ParquetRowWriter.writeAll(store, StorageUri.parse(base + "/driver/part-0.parquet"), driver, features, ParquetWriteOptions.DEFAULTS);
        RowSchema entity = RowSchema.of(column("driver_id", ValueType.INT64), column("event_timestamp", ValueType.UNIX_TIMESTAMP));
        List<Row> entities = new ArrayList<>();
        for (long id = 1; id <= 50; id++) {
            entities.add(Row.of(entity, id, START.plus(1, ChronoUnit.HOURS)));
        }
        ParquetRowWriter.writeAll(store, StorageUri.parse(base + "/entities.parquet"), entity, entities, ParquetWriteOptions.DEFAULTS);
        registry.put(PROJECT, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "driver_src", "type": "parquet", "path": "%s/driver/", "timestamp_field": "event_timestamp"}],
                 "feature_views": [{"name": "driver_daily", "entities": ["driver"], "source": "driver_src", "ttl": "1d",
                                    "schema": [{"name": "trips", "dtype": "INT64"}]}]}""".formatted(base));
    }

    @AfterAll
    void closeS3() {
        s3.close();
    }

    @Test
    void jobRunWhileS3IsDownFailsReadablyLeavesNoOutputAndLaterJobsSucceed() {
        s3.stop();
        UUID id = UUID.randomUUID();
        jobs.create(id, new JobRequest(PROJECT, List.of("driver_daily:trips"), Optional.empty(), Optional.of(base + "/entities.parquet"),
                Optional.empty(), "event_timestamp", false, Optional.of(base + "/out-during/")), JobState.QUEUED, Optional.empty());
        RawHttp.Answer submitted = submit("/out-submitted-during/");

        Map<String, Object> failed = awaitFinished(id.toString());
        assertProblem(submitted, 503, "SERVICE_UNAVAILABLE");
        s3.start();

        assertThat(failed.get("state")).as(failed.toString()).isEqualTo("failed");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) failed.get("error");
        assertThat(error.get("code")).isIn("SOURCE_UNREADABLE", "SERVICE_UNAVAILABLE");
        assertThat((String) error.get("message")).contains(base).contains("cannot be reached").doesNotContain("\tat ");
        assertThat(failed.get("output_files")).isEqualTo(List.of());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(store.list(StorageUri.parse(base + "/out-during/"))).isEmpty());

        RawHttp.Answer after = submit("/out-after/");
        assertThat(after.status()).as(after.body()).isEqualTo(202);
        Map<String, Object> succeeded = awaitFinished((String) after.at("job_id"));
        assertThat(succeeded.get("state")).as(succeeded.toString()).isEqualTo("succeeded");
        assertThat(succeeded.get("row_count")).isEqualTo(50);
        assertThat(store.list(StorageUri.parse(base + "/out-after/"))).hasSize(1);
        assertThat(store.list(StorageUri.parse(base + "/out-submitted-during/"))).isEmpty();
    }

    private RawHttp.Answer submit(String output) {
        return http.send("POST", "/v1/historical-features", "application/json", """
                {"project": "%s", "features": ["driver_daily:trips"], "entity_source": {"uri": "%s/entities.parquet"},
                 "output_uri": "%s%s"}""".formatted(PROJECT, base, base, output));
    }

}
