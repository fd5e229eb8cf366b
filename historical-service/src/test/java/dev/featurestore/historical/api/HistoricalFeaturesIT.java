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
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.testkit.TestStack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * historical-service end to end on the test stack's PostgreSQL and S3: Parquet in S3 in, Parquet in S3 out,
 * checked against a brute-force oracle and read back with DuckDB; inline rows with wait=true; bad input; jobs
 * of a stopped instance taken over; cancellation.
 */
@MicronautTest(transactional = false)
class HistoricalFeaturesIT extends HistoricalApiTest {
    private static final String PROJECT = "rides";

    private RandomJoinData data;
    private String base;
    private Path local;

    @Override
    Map<String, String> moreProperties() {
        return Map.of(
                "featurestore.historical.rows-per-file", "1000",
                "featurestore.historical.poll-interval", "200ms",
                "featurestore.historical.heartbeat-interval", "300ms",
                "featurestore.historical.lease-timeout", "2s",
                "featurestore.historical.batch-size", "500");
    }

    @BeforeAll
    void writeData() throws IOException {
        local = Files.createTempDirectory("historical-it");
        data = new RandomJoinData(11, local, new LocalObjectStore(), 150, 8_000, 3_000);
        String bucket = String.valueOf(TestStack.shared().properties().get("featurestore.s3.bucket"));
        base = "s3://%s/historical-it-%s".formatted(bucket, UUID.randomUUID());
        upload(data.driverDirectory, base + "/driver_stats/");
        upload(data.routeDirectory, base + "/route_traffic/");
        store.put(StorageUri.parse(base + "/entities.parquet"), Files.readAllBytes(data.entityFile));
        // A source whose feature column has another type than the view declares.
        Path bad = local.resolve("bad");
        RowSchema badSchema = RowSchema.of(column("driver_id", ValueType.INT64), column("event_timestamp", ValueType.UNIX_TIMESTAMP),
                column("conv", ValueType.STRING));
        ParquetRowWriter.writeAll(new LocalObjectStore(), StorageUri.of(bad.resolve("part-0.parquet")), badSchema,
                List.of(Row.of(badSchema, 1L, RandomJoinData.START, "high")), ParquetWriteOptions.DEFAULTS);
        upload(bad, base + "/bad/");
        registry.put(PROJECT, document(data.driverTtl.isZero() ? "0" : "%dh".formatted(data.driverTtl.toHours())));
    }

    @Test
    void trainingSetFromParquetInS3AgreesWithTheOracleAndDuckDbReadsItsParts() throws Exception {
        RawHttp.Answer submitted = post("", """
                {"project": "rides", "feature_service": "training_v1", "entity_source": {"uri": "%s/entities.parquet"},
                 "output_uri": "%s/out-service/"}""".formatted(base, base));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = (String) submitted.at("job_id");
        assertThat(submitted.at("state")).isIn("queued", "running");

        Map<String, Object> job = awaitFinished(id);
        assertThat(job.get("state")).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("row_count")).isEqualTo(3000);
        assertThat(((Map<?, ?>) job.get("progress")).get("percent")).isEqualTo(100.0);
        @SuppressWarnings("unchecked")
        List<String> files = (List<String>) job.get("output_files");
        assertThat(files).containsExactly(base + "/out-service/part-00000.parquet", base + "/out-service/part-00001.parquet",
                base + "/out-service/part-00002.parquet");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> schema = (List<Map<String, Object>>) job.get("output_schema");
        assertThat(schema).extracting(field -> field.get("name"))
                .containsExactly("driver_id", "origin", "destination", "event_timestamp", "row_number", "label", "conv_rate", "trips", "speed");

        // DuckDB reads the parts as they are; in file order they hold the entity rows in their order.
        List<Path> downloaded = new ArrayList<>();
        for (String file : files) {
            Path target = local.resolve("out-" + StorageUri.parse(file).name());
            StorageUri uri = StorageUri.parse(file);
            Files.write(target, store.read(uri, 0, (int) store.size(uri)));
            downloaded.add(target);
        }
        List<List<Object>> expected = data.bruteForce();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            String list = String.join(", ", downloaded.stream().map(path -> "'" + path + "'").toList());
            try (ResultSet result = statement.executeQuery(
                    "SELECT row_number, label, conv_rate, trips, speed FROM read_parquet([%s], filename = true, file_row_number = true) ORDER BY filename, file_row_number"
                            .formatted(list))) {
                int index = 0;
                while (result.next()) {
                    List<Object> row = expected.get(index);
                    assertThat(result.getLong(1)).isEqualTo((Long) row.get(4));
                    assertThat(result.getDouble(2)).isEqualTo((Double) row.get(5));
                    assertThat(result.getObject(3) == null ? null : result.getDouble(3)).as("conv_rate of row %d", index).isEqualTo(row.get(6));
                    assertThat(result.getObject(4) == null ? null : result.getLong(4)).as("trips of row %d", index).isEqualTo(row.get(7));
                    assertThat(result.getObject(5) == null ? null : result.getFloat(5)).as("speed of row %d", index).isEqualTo(row.get(8));
                    index++;
                }
                assertThat(index).isEqualTo(3000);
            }
        }
    }

    @Test
    void waitTrueAnswersInlineRowsWithOnDemandFeaturesAndFullNames() {
        List<Row> entities = data.entityRows.subList(0, 40);
        List<List<Object>> expected = data.bruteForce().subList(0, 40);
        Map<String, List<Object>> rows = new LinkedHashMap<>();
        rows.put("driver_id", new ArrayList<>());
        rows.put("event_timestamp", new ArrayList<>());
        rows.put("distance_km", new ArrayList<>());
        for (int index = 0; index < entities.size(); index++) {
            Row row = entities.get(index);
            rows.get("driver_id").add(row.get("driver_id"));
            Instant time = row.getInstant("event_timestamp");
            // Offsets are converted to UTC; epoch milliseconds are taken too.
            rows.get("event_timestamp").add(index % 3 == 0 ? time.atOffset(ZoneOffset.ofHours(2)).toString()
                    : index % 3 == 1 ? time.toString() : (Object) time.toEpochMilli());
            rows.get("distance_km").add(index % 7 == 0 ? null : 2.5 + index);
        }
        RawHttp.Answer answer = post("?wait=true", """
                {"project": "rides", "features": ["driver_hourly:conv_rate", "ride_quote:quote"], "full_feature_names": true,
                 "entity_source": {"rows": %s}}""".formatted(write(rows)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.at("job.state")).isEqualTo("succeeded");
        @SuppressWarnings("unchecked")
        Map<String, List<Object>> result = (Map<String, List<Object>>) answer.json().get("rows");
        assertThat(result.keySet()).containsExactly("driver_id", "event_timestamp", "distance_km", "driver_hourly__conv_rate", "ride_quote__quote");
        for (int index = 0; index < entities.size(); index++) {
            Instant time = entities.get(index).getInstant("event_timestamp");
            boolean millisecondsOnly = index % 3 == 2;
            Object conv = millisecondsOnly ? null : expected.get(index).get(6);
            if (millisecondsOnly) {
                continue; // its timestamp lost its microseconds: another point in time
            }
            assertThat(result.get("event_timestamp").get(index)).isEqualTo(time.toString());
            assertThat(toDouble(result.get("driver_hourly__conv_rate").get(index))).as("conv of row %d", index).isEqualTo(conv);
            Object distance = rows.get("distance_km").get(index);
            Double quote = conv == null || distance == null ? null : (Double) distance * 1.2 + (Double) conv;
            assertThat(toDouble(result.get("ride_quote__quote").get(index))).as("quote of row %d", index).isEqualTo(quote);
        }
    }

    /** A queued job is stored as jsonb, which orders an object's keys by itself; the inline columns keep the request's order. */
    @Test
    void queuedJobOfInlineRowsKeepsTheColumnsInTheirOrder() {
        Row entity = data.entityRows.get(0);
        RawHttp.Answer submitted = post("", """
                {"project": "rides", "features": ["driver_hourly:conv_rate"], "output_uri": "%s/out-inline-order/",
                 "entity_source": {"rows": {"zone_label": ["a"], "event_timestamp": ["%s"], "driver_id": [%d]}}}"""
                .formatted(base, entity.getInstant("event_timestamp"), (Long) entity.get("driver_id")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);

        Map<String, Object> job = awaitFinished((String) submitted.at("job_id"));

        assertThat(job.get("state")).as(job.toString()).isEqualTo("succeeded");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> schema = (List<Map<String, Object>>) job.get("output_schema");
        assertThat(schema).extracting(field -> field.get("name")).containsExactly("zone_label", "event_timestamp", "driver_id", "conv_rate");
    }

    @Test
    void badRequestsAreRejectedNamingTheField() {
        assertErrorField(post("", "{\"project\": \"rides\", \"features\": [\"driver_hourly:nope\"], \"entity_source\": {\"uri\": \"%s/entities.parquet\"}}"
                .formatted(base)), 400, "INVALID_REQUEST", "features");
        assertErrorField(post("", "{\"project\": \"nope\", \"features\": [\"driver_hourly:trips\"], \"entity_source\": {\"uri\": \"%s/entities.parquet\"}}"
                .formatted(base)), 400, "INVALID_REQUEST", "project");
        assertErrorField(post("", "{\"project\": \"rides\", \"features\": [\"driver_hourly:trips\"], \"entity_source\": {\"uri\": \"%s/entities.parquet\"}, \"event_timestamp_column\": \"ts\"}"
                .formatted(base)), 400, "INVALID_REQUEST", "event_timestamp_column");
        assertErrorField(post("", "{\"project\": \"rides\", \"features\": [\"driver_hourly:trips\"], \"entity_source\": {\"uri\": \"%s/nothing-here.parquet\"}}"
                .formatted(base)), 400, "SOURCE_UNREADABLE", "entity_source.uri");
        assertErrorField(post("", "{\"project\": \"rides\", \"features\": [\"driver_hourly:trips\"], \"entity_source\": {\"rows\": {\"driver_id\": [\"a\"], \"event_timestamp\": [\"2026-11-01T00:00:00Z\"]}}}"),
                400, "INVALID_REQUEST", "entity_source.rows.driver_id[0]");
        assertErrorField(post("", "{\"project\": \"rides\", \"features\": [\"driver_hourly:trips\"], \"entity_source\": {\"rows\": {\"driver_id\": [1], \"event_timestamp\": [\"yesterday\"]}}}"),
                400, "INVALID_REQUEST", "entity_source.rows.event_timestamp[0]");
        assertErrorField(post("", "{\"project\": \"rides\", \"features\": [\"driver_hourly:trips\"], \"entity_source\": {\"uri\": \"file:///etc/passwd\"}}"),
                400, "INVALID_REQUEST", "entity_source.uri");
        assertErrorField(post("", "{\"project\": \"rides\", \"features\": [\"missing_view:conv\"], \"entity_source\": {\"uri\": \"%s/entities.parquet\"}}"
                .formatted(base)), 400, "SOURCE_UNREADABLE", "features");
        assertErrorField(post("", "{\"project\": \"rides\", \"entity_source\": {\"uri\": \"%s/entities.parquet\"}}".formatted(base)),
                400, "VALIDATION_FAILED", "features");
        assertErrorField(post("?wait=true", "{\"project\": \"rides\", \"features\": [\"driver_hourly:trips\"], \"entity_source\": {\"uri\": \"%s/entities.parquet\"}}"
                .formatted(base)), 400, "INVALID_REQUEST", "entity_source");
        // An output prefix that holds objects.
        assertErrorField(post("", "{\"project\": \"rides\", \"features\": [\"driver_hourly:trips\"], \"entity_source\": {\"uri\": \"%s/entities.parquet\"}, \"output_uri\": \"%s/driver_stats/\"}"
                .formatted(base, base)), 409, "OUTPUT_EXISTS", "output_uri");
        assertProblem(http.get("/v1/jobs/" + UUID.randomUUID()), 404, "JOB_NOT_FOUND");
        assertProblem(http.get("/v1/jobs/not-a-job"), 404, "JOB_NOT_FOUND");
    }

    @Test
    void sourceWhoseColumnTypeDisagreesIsRejectedAtSubmitNamingFileAndColumn() {
        RawHttp.Answer answer = post("", """
                {"project": "rides", "features": ["bad_view:conv"], "entity_source": {"uri": "%s/entities.parquet"}, "output_uri": "%s/out-bad/"}"""
                .formatted(base, base));

        assertErrorField(answer, 400, "SOURCE_SCHEMA_MISMATCH", "features");
        assertThat(answer.body()).contains(base + "/bad/part-0.parquet").contains("'conv'").contains("STRING").contains("FLOAT64");
    }

    @Test
    void sourceThatStopsFittingAfterSubmitFailsTheJobNamingFileAndColumnAndLeavesNoOutput() {
        // Stored as accepted, as if the file had changed after the submit.
        UUID id = UUID.randomUUID();
        jobs.create(id, new JobRequest(PROJECT, List.of("bad_view:conv"), Optional.empty(), Optional.of(base + "/entities.parquet"), Optional.empty(),
                "event_timestamp", false, Optional.of(base + "/out-bad/")), JobState.QUEUED, Optional.empty());

        Map<String, Object> job = awaitFinished(id.toString());
        assertThat(job.get("state")).isEqualTo("failed");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) job.get("error");
        assertThat(error.get("code")).isEqualTo("SOURCE_SCHEMA_MISMATCH");
        assertThat((String) error.get("message")).contains(base + "/bad/part-0.parquet").contains("'conv'").contains("STRING").contains("FLOAT64");
        assertThat(job.get("output_files")).isEqualTo(List.of());
        assertThat(store.list(StorageUri.parse(base + "/out-bad/"))).isEmpty();
        assertProblem(delete(id.toString()), 409, "JOB_FINISHED");
    }

    @Test
    void jobOfAStoppedInstanceIsTakenOverAndRunsAgain() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, request(base + "/out-takeover/"), JobState.RUNNING, Optional.of("stopped-instance"));
        // Partial output of the interrupted attempt.
        store.put(StorageUri.parse(base + "/out-takeover/part-00007.parquet"), new byte[] {1, 2, 3});
        sql("UPDATE job SET heartbeat_at = now() - INTERVAL '1 hour' WHERE id = ?", id);

        Map<String, Object> job = awaitFinished(id.toString());
        assertThat(job.get("state")).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("attempt")).isEqualTo(2);
        assertThat(store.list(StorageUri.parse(base + "/out-takeover/"))).extracting(object -> object.uri().name())
                .containsExactly("part-00000.parquet", "part-00001.parquet", "part-00002.parquet");
    }

    @Test
    void jobStartedTooOftenFails() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, request(base + "/out-abandoned/"), JobState.RUNNING, Optional.of("stopped-instance"));
        sql("UPDATE job SET heartbeat_at = now() - INTERVAL '1 hour', attempt = 3 WHERE id = ?", id);

        Map<String, Object> job = awaitFinished(id.toString());
        assertThat(job.get("state")).isEqualTo("failed");
        assertThat(job.get("error")).asString().contains("JOB_ABANDONED");
    }

    @Test
    void cancellingAJobWhoseInstanceStoppedCancelsItOnceItsLeaseRunsOut() {
        UUID id = UUID.randomUUID();
        jobs.create(id, request(base + "/out-cancel/"), JobState.RUNNING, Optional.of("busy-instance"));

        RawHttp.Answer cancelled = delete(id.toString());
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
        assertThat(cancelled.at("cancel_requested")).isEqualTo(true);
        assertThat(cancelled.at("state")).isEqualTo("running");
        Map<String, Object> job = awaitFinished(id.toString());
        assertThat(job.get("state")).isEqualTo("cancelled");
    }

    private JobRequest request(String output) {
        return new JobRequest(PROJECT, List.of(), Optional.of("training_v1"), Optional.of(base + "/entities.parquet"), Optional.empty(),
                "event_timestamp", false, Optional.of(output));
    }


    private RawHttp.Answer post(String query, String body) {
        return http.send("POST", "/v1/historical-features" + query, "application/json", body);
    }

    private RawHttp.Answer delete(String id) {
        return http.send("DELETE", "/v1/jobs/" + id, null, null);
    }

    private static void assertErrorField(RawHttp.Answer answer, int status, String code, String field) {
        Map<String, Object> problem = assertProblem(answer, status, code);
        assertThat((List<?>) problem.get("errors")).as(answer.body()).anySatisfy(error -> assertThat(((Map<?, ?>) error).get("path")).isEqualTo(field));
    }

    private static Double toDouble(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private String write(Object value) {
        try {
            return jsonMapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void upload(Path directory, String prefix) throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                store.put(StorageUri.parse(prefix + file.getFileName()), Files.readAllBytes(file));
            }
        }
    }

    private static void sql(String statement, UUID id) throws SQLException {
        Map<String, Object> properties = TestStack.shared().properties();
        try (Connection connection = DriverManager.getConnection(String.valueOf(properties.get("datasources.default.url")),
                String.valueOf(properties.get("datasources.default.username")), String.valueOf(properties.get("datasources.default.password")));
                PreparedStatement prepared = connection.prepareStatement(statement.replace("UPDATE job", "UPDATE historical.job"))) {
            prepared.setObject(1, id);
            assertThat(prepared.executeUpdate()).isEqualTo(1);
        }
    }

    private String document(String driverTtl) {
        return """
                {"entities": [
                   {"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]},
                   {"name": "route", "join_keys": [{"name": "origin", "value_type": "STRING"}, {"name": "destination", "value_type": "INT32"}]}],
                 "data_sources": [
                   {"name": "driver_stats_src", "type": "parquet", "path": "%1$s/driver_stats/", "timestamp_field": "event_timestamp",
                    "created_timestamp_column": "created", "field_mapping": {"conv": "conv_rate"}},
                   {"name": "driver_push", "type": "push", "batch_source": "driver_stats_src"},
                   {"name": "route_src", "type": "parquet", "path": "%1$s/route_traffic/", "timestamp_field": "ts"},
                   {"name": "bad_src", "type": "parquet", "path": "%1$s/bad/", "timestamp_field": "event_timestamp"},
                   {"name": "missing_src", "type": "parquet", "path": "%1$s/missing/", "timestamp_field": "event_timestamp"},
                   {"name": "ride_request", "type": "request", "schema": [{"name": "distance_km", "dtype": "FLOAT64"}]}],
                 "feature_views": [
                   {"name": "driver_hourly", "entities": ["driver"], "source": "driver_push", "ttl": "%2$s",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "trips", "dtype": "INT64"}]},
                   {"name": "route_traffic", "entities": ["route"], "source": "route_src", "ttl": "90m", "schema": [{"name": "speed", "dtype": "FLOAT32"}]},
                   {"name": "bad_view", "entities": ["driver"], "source": "bad_src", "ttl": "0", "schema": [{"name": "conv", "dtype": "FLOAT64"}]},
                   {"name": "missing_view", "entities": ["driver"], "source": "missing_src", "ttl": "0", "schema": [{"name": "conv", "dtype": "FLOAT64"}]}],
                 "on_demand_feature_views": [
                   {"name": "ride_quote", "sources": ["driver_hourly", "ride_request"], "schema": [{"name": "quote", "dtype": "FLOAT64"}],
                    "expressions": {"quote": "ride_request.distance_km * 1.2 + driver_hourly.conv_rate"}}],
                 "feature_services": [
                   {"name": "training_v1", "features": [{"feature_view": "driver_hourly", "features": ["conv_rate", "trips"]}, {"feature_view": "route_traffic"}]}]}
                """.formatted(base, driverTtl);
    }
}
