package dev.featurestore.materialization.api;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventType;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.contracts.events.MaterializationFailed;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.runtime.testing.CloudEventRecords;
import dev.featurestore.runtime.testing.EventSchemas;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs on the test stack's PostgreSQL, S3, Redis and Kafka: the latest row per entity of a window lands online,
 * incremental runs start at the watermark, newer online values stay, a bad source fails the run naming the file
 * without moving the watermark, every run ends with its event on {@code featurestore.materialization}, and bad
 * requests are refused naming the field.
 */
class MaterializationIT extends MaterializationApiTest {
    private static final RowSchema SOURCE = new RowSchema(List.of(
            new Column("driver_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP),
            new Column("created", ValueType.UNIX_TIMESTAMP), new Column("conv", ValueType.FLOAT64), new Column("trips", ValueType.INT32)));

    // three hours back, so that windows ending up to two hours "later" stay within max-future-skew of the real now
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);

    @BeforeAll
    void define() {
        StringBuilder views = new StringBuilder();
        StringBuilder sources = new StringBuilder();
        for (String name : List.of("hourly", "incremental", "newer", "broken", "queued")) {
            sources.append("""
                    {"name": "%1$s_src", "type": "parquet", "path": "%2$s", "timestamp_field": "event_timestamp",
                     "created_timestamp_column": "created", "field_mapping": {"conv": "conv_rate"}},""".formatted(name, sourcePath(name)));
            views.append("""
                    {"name": "driver_%s", "entities": ["driver"], "source": "%s_src", "ttl": "7d",
                     "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "trips", "dtype": "INT64"}]},""".formatted(name, name));
        }
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [%s
                   {"name": "offline_src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"}],
                 "feature_views": [%s
                   {"name": "driver_offline", "entities": ["driver"], "source": "offline_src", "online": false,
                    "schema": [{"name": "conv", "dtype": "FLOAT64"}]}]}
                """.formatted(sources, sourcePath("offline"), views));
    }

    @Test
    void materializesTheLatestRowPerEntityOfTheWindowAndPublishesTheCompletedEvent() {
        writeParquet(sourcePath("hourly") + "part-00000.parquet", SOURCE, List.<Object[]>of(
                row(1, now.minus(2, ChronoUnit.HOURS), null, 0.1, 1),
                row(1, now.minus(1, ChronoUnit.HOURS), null, 0.2, 2),
                row(1, now.plus(1, ChronoUnit.HOURS), null, 9.9, 9),
                row(2, now.minus(1, ChronoUnit.HOURS), now.minus(60, ChronoUnit.MINUTES), 0.3, 3),
                row(2, now.minus(1, ChronoUnit.HOURS), now.minus(30, ChronoUnit.MINUTES), 0.4, null),
                row(3, now.plus(2, ChronoUnit.HOURS), null, 3.3, 3),
                row(4, now.minus(10, ChronoUnit.DAYS), null, 4.4, 4)));

        List<String> ids = materialize("/v1/materialize", """
                {"project": "%s", "feature_views": ["driver_hourly"], "start_ts": "%s", "end_ts": "%s"}"""
                .formatted(project, now.minus(1, ChronoUnit.DAYS), now));
        Map<String, Object> run = awaitFinished(ids.get(0));

        assertThat(run).containsEntry("state", "succeeded").containsEntry("trigger", "manual").containsEntry("feature_view", "driver_hourly")
                .containsEntry("start_ts", now.minus(1, ChronoUnit.DAYS).toString()).containsEntry("end_ts", now.toString());
        assertThat(at(run, "result.rows_read")).isEqualTo(4);
        assertThat(at(run, "result.entities_written")).isEqualTo(2);
        assertThat(at(run, "progress.percent")).isEqualTo(100.0);
        assertThat(online("driver_hourly", 1L)).isEqualTo(new OnlineRecord(now.minus(1, ChronoUnit.HOURS), null, List.of(0.2, 2L)));
        assertThat(online("driver_hourly", 2L)).isEqualTo(new OnlineRecord(now.minus(1, ChronoUnit.HOURS), now.minus(30, ChronoUnit.MINUTES),
                Arrays.asList(0.4, null)));
        assertThat(online("driver_hourly", 3L)).isNull();
        assertThat(online("driver_hourly", 4L)).isNull();

        CloudEvent<MaterializationCompleted> event = awaitEvent(ids.get(0), EventTypes.MATERIALIZATION_COMPLETED);
        MaterializationCompleted completed = event.data();
        assertThat(event.subject()).isEqualTo(project + "/driver_hourly");
        assertThat(completed.rowsRead()).isEqualTo(4);
        assertThat(completed.entitiesWritten()).isEqualTo(2);
        assertThat(completed.maxEventTimestamp()).isEqualTo(now.minus(1, ChronoUnit.HOURS));
        assertThat(completed.startTimestamp()).isEqualTo(now.minus(1, ChronoUnit.DAYS));
        FeatureStatistics conv = completed.statistics().get("conv_rate");
        assertThat(conv.count()).isEqualTo(2);
        assertThat(conv.nullCount()).isZero();
        assertThat(conv.min()).isEqualTo(0.2);
        assertThat(conv.max()).isEqualTo(0.4);
        assertThat(conv.mean()).isCloseTo(0.3, offset(1e-9));
        assertThat(conv.kllSketch()).isNotBlank();
        assertThat(completed.statistics().get("trips")).satisfies(trips -> {
            assertThat(trips.count()).isEqualTo(2);
            assertThat(trips.nullCount()).isEqualTo(1);
            assertThat(trips.min()).isEqualTo(2.0);
        });
    }

    @Test
    void incrementalRunsStartWhereTheLastSuccessfulRunEnded() {
        writeParquet(sourcePath("incremental") + "day-1.parquet", SOURCE, List.<Object[]>of(
                row(1, now.minus(3, ChronoUnit.HOURS), null, 0.1, 1),
                row(2, now.minus(10, ChronoUnit.DAYS), null, 0.2, 2)));
        Map<String, Object> first = awaitFinished(materialize("/v1/materialize-incremental", """
                {"project": "%s", "feature_views": ["driver_incremental"], "end_ts": "%s"}""".formatted(project, now)).get(0));
        writeParquet(sourcePath("incremental") + "day-2.parquet", SOURCE, List.<Object[]>of(
                row(1, now.plus(1, ChronoUnit.HOURS), null, 0.5, 5),
                row(3, now.plus(1, ChronoUnit.HOURS), null, 0.6, 6)));
        Map<String, Object> second = awaitFinished(materialize("/v1/materialize-incremental", """
                {"project": "%s", "feature_views": ["driver_incremental"], "end_ts": "%s"}""".formatted(project, now.plus(2, ChronoUnit.HOURS))).get(0));

        assertThat(first).containsEntry("state", "succeeded").containsEntry("incremental", true)
                .containsEntry("start_ts", now.minus(7, ChronoUnit.DAYS).toString());
        assertThat(at(first, "result.rows_read")).isEqualTo(1);
        assertThat(second).containsEntry("state", "succeeded").containsEntry("start_ts", now.toString());
        assertThat(at(second, "result.rows_read")).isEqualTo(2);
        assertThat(online("driver_incremental", 1L).values()).isEqualTo(List.of(0.5, 5L));
        assertThat(online("driver_incremental", 2L)).isNull();
        assertThat(online("driver_incremental", 3L).values()).isEqualTo(List.of(0.6, 6L));
        RawHttp.Answer listed = http.get("/v1/runs?project=%s&feature_view=driver_incremental".formatted(project));
        assertThat(listed.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listedRuns = (List<Map<String, Object>>) listed.json().get("runs");
        assertThat(listedRuns).extracting(item -> item.get("run_id")).containsExactly(second.get("run_id"), first.get("run_id"));
    }

    @Test
    void anOnlineValueNewerThanTheWindowsLatestStays() {
        OnlineSchema schema = OnlineSchema.of(registry.registry(project).featureView("driver_newer").schema());
        String key = OnlineKeys.recordKey(project, "driver_newer", List.of(new JoinKey("driver_id", ValueType.INT64)), List.of(1L));
        onlineStore.write(List.of(new RecordWrite(key, schema, new OnlineRecord(now, null, List.of(7.0, 7L)), null))).join();
        writeParquet(sourcePath("newer") + "part-00000.parquet", SOURCE, List.<Object[]>of(
                row(1, now.minus(1, ChronoUnit.HOURS), null, 0.1, 1),
                row(2, now.minus(1, ChronoUnit.HOURS), null, 0.2, 2)));

        Map<String, Object> run = awaitFinished(materialize("/v1/materialize", """
                {"project": "%s", "feature_views": ["driver_newer"], "start_ts": "%s", "end_ts": "%s"}"""
                .formatted(project, now.minus(1, ChronoUnit.DAYS), now)).get(0));

        assertThat(at(run, "result.entities_written")).isEqualTo(1);
        assertThat(at(run, "result.entities_unchanged")).isEqualTo(1);
        assertThat(online("driver_newer", 1L)).isEqualTo(new OnlineRecord(now, null, List.of(7.0, 7L)));
        assertThat(online("driver_newer", 2L).values()).isEqualTo(List.of(0.2, 2L));
    }

    @Test
    void anUnreadableSourceFileFailsTheRunNamingItAndTheWatermarkStays() {
        writeParquet(sourcePath("broken") + "a-good.parquet", SOURCE, List.<Object[]>of(row(1, now.minus(1, ChronoUnit.HOURS), null, 0.1, 1)));
        Map<String, Object> good = awaitFinished(materialize("/v1/materialize-incremental", """
                {"project": "%s", "feature_views": ["driver_broken"], "end_ts": "%s"}""".formatted(project, now)).get(0));
        String broken = sourcePath("broken") + "b-broken.parquet";
        objectStore.put(StorageUri.parse(broken), "this is not a parquet file".getBytes(StandardCharsets.UTF_8));

        String failedId = materialize("/v1/materialize-incremental", """
                {"project": "%s", "feature_views": ["driver_broken"], "end_ts": "%s"}""".formatted(project, now.plus(1, ChronoUnit.HOURS))).get(0);
        Map<String, Object> failed = awaitFinished(failedId);
        objectStore.delete(StorageUri.parse(broken));
        Map<String, Object> after = awaitFinished(materialize("/v1/materialize-incremental", """
                {"project": "%s", "feature_views": ["driver_broken"], "end_ts": "%s"}""".formatted(project, now.plus(2, ChronoUnit.HOURS))).get(0));

        assertThat(good).containsEntry("state", "succeeded");
        assertThat(failed).containsEntry("state", "failed");
        assertThat(at(failed, "error.code")).isEqualTo("SOURCE_UNREADABLE");
        assertThat((String) at(failed, "error.message")).contains(broken);
        CloudEvent<MaterializationFailed> event = awaitEvent(failedId, EventTypes.MATERIALIZATION_FAILED);
        assertThat(event.data().errorCode()).isEqualTo("SOURCE_UNREADABLE");
        assertThat(event.data().errorMessage()).contains(broken);
        assertThat(after).containsEntry("state", "succeeded").containsEntry("start_ts", now.toString());
    }

    @Test
    void runsOfOneViewNeverOverlap() {
        writeParquet(sourcePath("queued") + "part-00000.parquet", SOURCE, List.<Object[]>of(row(1, now.minus(1, ChronoUnit.HOURS), null, 0.1, 1)));
        String body = """
                {"project": "%s", "feature_views": ["driver_queued"], "start_ts": "%s", "end_ts": "%s"}"""
                .formatted(project, now.minus(1, ChronoUnit.DAYS), now);
        List<String> ids = List.of(materialize("/v1/materialize", body).get(0), materialize("/v1/materialize", body).get(0),
                materialize("/v1/materialize", body).get(0));

        List<Map<String, Object>> runs = ids.stream().map(this::awaitFinished).toList();

        for (int index = 1; index < runs.size(); index++) {
            Instant previousEnd = Instant.parse((String) at(runs.get(index - 1), "timings.finished_at"));
            Instant started = Instant.parse((String) at(runs.get(index), "timings.started_at"));
            assertThat(started).as("run %d starts after run %d ended", index, index - 1).isAfterOrEqualTo(previousEnd);
        }
        assertThat(runs).allSatisfy(run -> assertThat(run).containsEntry("state", "succeeded"));
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndQueueNothing() {
        assertProblem(post("/v1/materialize", "{\"feature_views\": [\"driver_hourly\"], \"start_ts\": \"%s\", \"end_ts\": \"%s\"}"
                .formatted(now, now)), 400, "INVALID_REQUEST");
        assertThat(post("/v1/materialize", "{\"project\": \"%s\", \"end_ts\": \"%s\"}".formatted(project, now)).body()).contains("start_ts");
        assertThat(post("/v1/materialize", "{\"project\": \"%s\", \"start_ts\": \"%s\", \"end_ts\": \"%s\"}"
                .formatted(project, now, now.minusSeconds(1))).body()).contains("start_ts").contains("after end_ts");
        RawHttp.Answer unknown = post("/v1/materialize", "{\"project\": \"%s\", \"feature_views\": [\"driver_hourly\", \"nope\"], \"start_ts\": \"%s\", \"end_ts\": \"%s\"}"
                .formatted(project, now.minusSeconds(60), now));
        assertProblem(unknown, 404, "NOT_FOUND");
        assertThat(unknown.body()).contains("feature_views[1]").contains("nope");
        RawHttp.Answer offline = post("/v1/materialize-incremental", "{\"project\": \"%s\", \"feature_views\": [\"driver_offline\"]}".formatted(project));
        assertProblem(offline, 400, "VIEW_NOT_ONLINE");
        assertThat(offline.body()).contains("driver_offline");
        assertProblem(post("/v1/materialize-incremental", "{\"project\": \"no_such_project\"}"), 404, "NOT_FOUND");
        assertThat(assertProblem(post("/v1/materialize", "{\"project\": \"%s\", \"start_ts\": \"yesterday\", \"end_ts\": \"%s\"}".formatted(project, now)), 400,
                "INVALID_REQUEST").toString()).contains("start_ts").contains("not an RFC 3339 timestamp");
        assertProblem(post("/v1/materialize", "{not json"), 400, "MALFORMED_BODY");
        assertProblem(http.get("/v1/runs/" + UUID.randomUUID()), 404, "RUN_NOT_FOUND");
        assertProblem(http.get("/v1/runs/not-a-uuid"), 404, "RUN_NOT_FOUND");
        assertProblem(http.get("/v1/runs"), 400, "INVALID_REQUEST");
        assertProblem(http.get("/v1/runs?project=%s&limit=0".formatted(project)), 400, "VALIDATION_FAILED");

        RawHttp.Answer none = http.get("/v1/runs?project=%s&feature_view=driver_offline".formatted(project));
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat((List<?>) none.json().get("runs")).as(none.body()).isEmpty();
    }

    private static Object[] row(long driver, Instant event, Instant created, Double conv, Integer trips) {
        return new Object[] {driver, event, created, conv, trips};
    }

    private <T> CloudEvent<T> awaitEvent(String runId, EventType<T> type) {
        ConsumerRecord<String, String> record = TopicReader.awaitRecord(TestStack.shared().kafka().bootstrapServers(), type.topic(),
                candidate -> candidate.value().contains(runId) && candidate.value().contains(type.type()), Duration.ofSeconds(30));
        EventSchemas.assertValid(type, record.value());
        CloudEvent<T> event = CloudEvents.fromJson(record.value(), type);
        assertThat(record.key()).isEqualTo(event.subject());
        CloudEventRecords.assertReadableByCloudEventsSdk(TestStack.shared().kafka().bootstrapServers(), record, type,
                "/featurestore/materialization-service");
        return event;
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> json, String path) {
        Object current = json;
        for (String part : path.split("\\.")) {
            current = ((Map<String, Object>) current).get(part);
        }
        return current;
    }
}
