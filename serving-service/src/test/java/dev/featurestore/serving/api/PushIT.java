package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.DataLanded;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.runtime.testing.CloudEventRecords;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /push} on the test stack's Redis, S3 and Kafka: online writes read back through {@code /get-online-features}
 * (newer-wins), offline writes as one Parquet object under the batch source with a {@code data.landed} event, and
 * bad batches rejected whole, naming row and column, with nothing written.
 */
class PushIT extends ServingApiTest {
    @Inject
    ObjectStore objectStore;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String sourcePath;

    @BeforeAll
    void define() {
        sourcePath = sourcePath("driver_stats");
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "driver_src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp",
                    "created_timestamp_column": "created", "field_mapping": {"conv": "conv_rate"}},
                   {"name": "driver_push", "type": "push", "batch_source": "driver_src"},
                   {"name": "orphan_push", "type": "push", "batch_source": "driver_src"}],
                 "feature_views": [
                   {"name": "driver_live", "entities": ["driver"], "source": "driver_push", "ttl": "1h",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "trips", "dtype": "INT64"}]},
                   {"name": "driver_offline", "entities": ["driver"], "source": "driver_src", "ttl": "0",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]}]}
                """.formatted(sourcePath));
    }

    @Test
    void onlinePushIsServedAndOlderRowsDoNotReplaceNewerOnes() {
        RawHttp.Answer pushed = push("""
                {"push_source_name": "driver_push", "to": "online",
                 "df": {"driver_id": [1, 2], "event_timestamp": ["%s", "%s"], "conv": [0.5, 0.7], "trips": [10, 20]}}""".formatted(now, now.minusSeconds(60)));
        RawHttp.Answer older = push("""
                {"push_source_name": "driver_push",
                 "df": {"driver_id": [1], "event_timestamp": ["%s"], "created": ["%s"], "conv": [0.1], "trips": [1]}}""".formatted(now.minusSeconds(5), now));

        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.json()).containsEntry("rows", 2).containsEntry("online_written", 2).containsEntry("feature_views", List.of("driver_live"));
        assertThat(older.status()).as(older.body()).isEqualTo(200);
        assertThat(older.json()).containsEntry("online_written", 0).containsEntry("online_unchanged", 1);
        RawHttp.Answer read = read(List.of(1, 2, 3));
        assertThat(values(read, 1)).isEqualTo(Arrays.asList(0.5, 0.7, null));
        assertThat(values(read, 2)).isEqualTo(Arrays.asList(10, 20, null));
        assertThat(((List<?>) ((Map<?, ?>) results(read).get(1)).get("event_timestamps")).get(0)).isEqualTo(now.toString());
    }

    @Test
    void offlinePushAddsOneParquetObjectUnderTheBatchSourceAndAnnouncesIt() {
        RawHttp.Answer pushed = push("""
                {"push_source_name": "driver_push", "to": "online_and_offline",
                 "df": {"driver_id": [11, 12, 13], "event_timestamp": ["%1$s", "%1$s", "%2$s"], "created": ["%1$s", null, "%2$s"],
                        "conv": [1.5, null, 2.5], "trips": [1, 2, 3]}}""".formatted(now, now.minusSeconds(30)));

        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        String object = (String) pushed.json().get("offline_object");
        assertThat(object).startsWith(sourcePath + "push-").endsWith(".parquet");
        List<Row> rows = new ParquetScanner(objectStore).readAll(ScanRequest.of(StorageUri.parse(object)));
        assertThat(rows).extracting(row -> row.get("driver_id")).containsExactly(11L, 12L, 13L);
        assertThat(rows).extracting(row -> row.get("conv")).containsExactly(1.5, null, 2.5);
        assertThat(rows).extracting(row -> row.get("event_timestamp")).containsExactly(now, now, now.minusSeconds(30));
        assertThat(rows).extracting(row -> row.get("created")).containsExactly(now, null, now.minusSeconds(30));
        ConsumerRecord<String, String> record = TopicReader.awaitRecord(TestStack.shared().kafka().bootstrapServers(), EventTypes.DATA_LANDED.topic(),
                candidate -> candidate.value().contains(object), Duration.ofSeconds(30));
        CloudEvent<DataLanded> event = CloudEvents.fromJson(record.value(), EventTypes.DATA_LANDED);
        assertThat(record.key()).isEqualTo(project + "/driver_src");
        assertThat(event.data()).isEqualTo(new DataLanded(project, "driver_src", List.of(object), 3L, now.minusSeconds(30), now));
        CloudEventRecords.assertReadableByCloudEventsSdk(TestStack.shared().kafka().bootstrapServers(), record, EventTypes.DATA_LANDED,
                "/featurestore/serving-service");
        assertThat(values(read(List.of(11, 12)), 1)).isEqualTo(Arrays.asList(1.5, null));
    }

    @Test
    void anOfflinePushWithoutTheCreatedColumnStillWritesEveryColumnOfTheBatchSource() {
        RawHttp.Answer pushed = push("""
                {"push_source_name": "driver_push", "to": "offline",
                 "df": {"driver_id": [31], "event_timestamp": ["%s"], "conv": [0.5], "trips": [4]}}""".formatted(now));

        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.json()).containsEntry("online_written", 0).containsEntry("feature_views", List.of());
        List<Row> rows = new ParquetScanner(objectStore).readAll(ScanRequest.of(StorageUri.parse((String) pushed.json().get("offline_object"))));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.schema().names()).containsExactlyInAnyOrder("driver_id", "event_timestamp", "conv", "trips", "created");
            assertThat(row.get("created")).isNull();
        });
        assertThat(statuses(read(List.of(31)), 1)).isEqualTo(List.of("NOT_FOUND"));
    }

    @Test
    void aBadBatchIsRejectedWholeNamingRowAndColumnAndNothingIsWritten() {
        String good = "\"driver_id\": [21, 22], \"event_timestamp\": [\"%s\", \"%s\"], \"conv\": [0.5, 0.6], \"trips\": [1, 2]".formatted(now, now);
        assertBad(400, "{\"push_source_name\": \"driver_push\", \"to\": \"online_and_offline\", \"df\": {" + good.replace("\"trips\": [1, 2]", "\"trips\": [1, \"two\"]") + "}}",
                "df.trips[1]");
        assertBad(400, "{\"push_source_name\": \"driver_push\", \"df\": {" + good.replace("\"%s\"]".formatted(now), "\"yesterday\"]") + "}}",
                "df.event_timestamp[1]");
        assertBad(400, "{\"push_source_name\": \"driver_push\", \"df\": {" + good.replace(", \"trips\": [1, 2]", "") + "}}", "df.trips");
        assertBad(400, "{\"push_source_name\": \"driver_push\", \"df\": {" + good + ", \"extra\": [1, 2]}}", "df.extra");
        assertBad(400, "{\"push_source_name\": \"driver_push\", \"df\": {" + good.replace("[21, 22]", "[21, null]") + "}}", "df.driver_id[1]");
        assertBad(400, "{\"push_source_name\": \"driver_push\", \"df\": {" + good.replace("[0.5, 0.6]", "[0.5]") + "}}", "df.conv");
        assertBad(400, "{\"push_source_name\": \"driver_push\", \"to\": \"everywhere\", \"df\": {" + good + "}}", "everywhere");
        assertBad(400, "{\"push_source_name\": \"driver_src\", \"df\": {" + good + "}}", "not a push source");
        assertBad(400, "{\"push_source_name\": \"orphan_push\", \"df\": {" + good + "}}", "feeds no feature view");
        assertBad(404, "{\"push_source_name\": \"no_source\", \"df\": {" + good + "}}", "no_source");
        assertBad(400, "{\"df\": {" + good + "}}", "push_source_name");
        assertBad(400, "{\"push_source_name\": \"driver_push\", \"df\": {}}", "df");
        assertBad(400, "{not json", "");
        StringBuilder many = new StringBuilder();
        for (int index = 0; index <= MAX_PUSH_ROWS; index++) {
            many.append(index == 0 ? "" : ",").append(index);
        }
        assertBad(413, "{\"push_source_name\": \"driver_push\", \"df\": {\"driver_id\": [%s]}}".formatted(many), "at most " + MAX_PUSH_ROWS);

        assertThat(statuses(read(List.of(21, 22)), 1)).isEqualTo(List.of("NOT_FOUND", "NOT_FOUND"));
    }

    private void assertBad(int status, String body, String named) {
        int objectsBefore = objectStore.list(StorageUri.parse(sourcePath)).size();
        RawHttp.Answer answer = push(body);
        assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).as(body).contains(named);
        assertThat(objectStore.list(StorageUri.parse(sourcePath))).hasSize(objectsBefore);
    }

    private RawHttp.Answer push(String body) {
        return post("/push", body);
    }

    private RawHttp.Answer read(List<Integer> drivers) {
        RawHttp.Answer answer = post("/get-online-features", """
                {"features": ["driver_live:conv_rate", "driver_live:trips"], "entities": {"driver_id": %s}}""".formatted(drivers));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private static List<?> results(RawHttp.Answer answer) {
        return (List<?>) answer.json().get("results");
    }

    private static Object values(RawHttp.Answer answer, int column) {
        return ((Map<?, ?>) results(answer).get(column)).get("values");
    }

    private static Object statuses(RawHttp.Answer answer, int column) {
        return ((Map<?, ?>) results(answer).get(column)).get("statuses");
    }
}
