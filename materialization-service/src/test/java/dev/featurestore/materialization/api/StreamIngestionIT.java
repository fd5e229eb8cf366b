package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.IngestionRejected;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.runtime.testing.CloudEventRecords;
import dev.featurestore.runtime.testing.EventSchemas;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A kafka source's topic ingested: valid rows land online (newer-wins) and offline under the batch source, bad rows
 * go to the dead-letter topic with their offset and reason without holding up the partition, and the group's
 * offsets are committed past every record once its rows are written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamIngestionIT extends MaterializationApiTest {
    private final String topic = "driver-events-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Override
    Map<String, String> moreProperties() {
        return Map.of("featurestore.materialization.stream-refresh-interval", "300ms",
                "featurestore.materialization.stream-report-interval", "300ms");
    }

    @BeforeAll
    void define() {
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "events_batch", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp", "field_mapping": {"conv": "conv_rate"}},
                   {"name": "driver_events", "type": "kafka", "topic": "%s", "format": "json", "timestamp_field": "ts", "batch_source": "events_batch"}],
                 "feature_views": [{"name": "driver_live", "entities": ["driver"], "source": "driver_events", "ttl": "1d",
                                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "trips", "dtype": "INT64"}]},
                                   {"name": "driver_batch", "entities": ["driver"], "source": "events_batch", "ttl": "1d",
                                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "rating", "dtype": "FLOAT64"}]}]}
                """.formatted(sourcePath("stream"), topic));
        publish(CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/test",
                new RegistryObjectChanged(project, ObjectKind.DATA_SOURCE, "driver_events", ChangeAction.CREATED, 1, 1, List.of())));
    }

    @Test
    @Order(1)
    void validRowsLandOnlineAndOfflineBadRowsGoToTheDeadLetterTopicAndOffsetsAreCommitted() throws Exception {
        List<String> values = List.of(
                "{\"driver_id\": 1, \"ts\": \"%s\", \"conv_rate\": 0.5, \"trips\": 3}".formatted(now.minus(1, ChronoUnit.HOURS)),
                "{\"driver_id\": 2, \"ts\": \"%s\", \"conv_rate\": \"high\"}".formatted(now.minus(1, ChronoUnit.HOURS)),
                "not json",
                "{\"ts\": \"%s\", \"conv_rate\": 0.9}".formatted(now),
                "{\"driver_id\": 1, \"ts\": %d, \"conv_rate\": 0.1, \"trips\": 1}".formatted(now.minus(2, ChronoUnit.HOURS).toEpochMilli()),
                "{\"driver_id\": 3, \"ts\": \"%s\", \"conv_rate\": 0.7, \"extra\": \"ignored\"}".formatted(now.minus(30, ChronoUnit.MINUTES)),
                // dated beyond featurestore.materialization.max-future-skew: it would win every later write of driver 4
                "{\"driver_id\": 4, \"ts\": \"%s\", \"conv_rate\": 0.2, \"trips\": 1}".formatted(now.plus(2, ChronoUnit.DAYS)));
        for (int index = 0; index < values.size(); index++) {
            produce(topic, "k" + index, values.get(index));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> online("driver_live", 3L) != null && online("driver_live", 1L) != null);
        assertThat(online("driver_live", 1L).values()).isEqualTo(List.of(0.5, 3L));
        assertThat(online("driver_live", 3L).values()).isEqualTo(Arrays.asList(0.7, null));
        assertThat(online("driver_live", 2L)).isNull();
        assertThat(online("driver_live", 4L)).isNull();

        // a batch's rows are written online before they land offline and before its rejects are published: wait for those too
        await().atMost(Duration.ofSeconds(30)).until(() -> rejected().size() >= 4);
        List<IngestionRejected> rejected = rejected();
        assertThat(rejected).extracting(IngestionRejected::offset).containsExactly(1L, 2L, 3L, 6L);
        TopicReader.readAll(TestStack.shared().kafka().bootstrapServers(), EventTypes.INGESTION_REJECTED.topic()).stream()
                .filter(record -> record.value().contains(topic))
                .forEach(record -> CloudEventRecords.assertReadableByCloudEventsSdk(TestStack.shared().kafka().bootstrapServers(), record,
                        EventTypes.INGESTION_REJECTED, "/featurestore/materialization-service"));
        assertThat(rejected.get(3).reason()).startsWith("ts: ").contains("after now");
        assertThat(rejected.get(0).reason()).contains("conv_rate").contains("FLOAT64");
        assertThat(rejected.get(1).reason()).startsWith("not a JSON object");
        assertThat(rejected.get(2).reason()).contains("driver_id").contains("missing");
        assertThat(rejected.get(0).record()).isEqualTo(values.get(1));
        assertThat(rejected).allSatisfy(event -> assertThat(event.source()).isEqualTo("driver_events"));

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> landed().size() >= 3);
        List<Row> landed = landed();
        assertThat(landed).extracting(row -> row.get("driver_id")).containsExactlyInAnyOrder(1L, 1L, 3L);
        assertThat(landed.get(0).schema().names()).containsExactly("driver_id", "event_timestamp", "conv", "trips");

        await().atMost(Duration.ofSeconds(30)).until(() -> committed() == values.size());

        // what was written is reported as materialization.completed (trigger stream), for monitoring
        await().atMost(Duration.ofSeconds(30)).until(() -> reports().stream().mapToLong(MaterializationCompleted::rowsRead).sum() >= 3);
        List<MaterializationCompleted> reports = reports();
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.trigger()).isEqualTo("stream");
            assertThat(report.skewCheck()).isNull();
            assertThat(report.statistics()).containsOnlyKeys("conv_rate", "trips");
        });
        assertThat(reports.stream().mapToLong(MaterializationCompleted::rowsRead).sum()).isEqualTo(3);
        assertThat(reports.stream().map(MaterializationCompleted::maxEventTimestamp).max(Instant::compareTo)).contains(now.minus(30, ChronoUnit.MINUTES));
        assertThat(reports.stream().map(MaterializationCompleted::startTimestamp).min(Instant::compareTo)).contains(now.minus(2, ChronoUnit.HOURS));
        assertThat(reports.stream().mapToLong(report -> report.statistics().get("conv_rate").count()).sum()).isEqualTo(3);
    }

    @Test
    @Order(2)
    void aViewReadingTheBatchSourceWithMoreColumnsMaterializesTheStreamsObjectsWithThoseColumnsNull() throws Exception {
        produce(topic, "other", "{\"driver_id\": 5, \"ts\": \"%s\", \"conv_rate\": 0.25, \"trips\": 2}".formatted(now.minus(10, ChronoUnit.MINUTES)));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> landed().stream().anyMatch(row -> row.get("driver_id").equals(5L)));

        // the stream's objects carry driver_live's columns only; driver_batch also reads 'rating', which they lack
        List<String> runs = materialize("/v1/materialize", """
                {"project": "%s", "feature_views": ["driver_batch"], "start_ts": "%s", "end_ts": "%s"}"""
                .formatted(project, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.HOURS)));
        Map<String, Object> run = awaitFinished(runs.get(0));

        assertThat(run.get("state")).as(run.toString()).isEqualTo("succeeded");
        assertThat(online("driver_batch", 5L).values()).isEqualTo(Arrays.asList(0.25, null));
    }

    private List<MaterializationCompleted> reports() {
        return TopicReader.readAll(TestStack.shared().kafka().bootstrapServers(), EventTypes.MATERIALIZATION_COMPLETED.topic()).stream()
                .filter(record -> record.key().equals(project + "/driver_live"))
                .peek(record -> EventSchemas.assertValid(EventTypes.MATERIALIZATION_COMPLETED, record.value()))
                .map(record -> CloudEvents.fromJson(record.value(), EventTypes.MATERIALIZATION_COMPLETED).data())
                .toList();
    }

    private List<Row> landed() {
        return new ParquetScanner(objectStore).readAll(ScanRequest.of(StorageUri.parse(sourcePath("stream"))));
    }

    private List<IngestionRejected> rejected() {
        return TopicReader.readAll(TestStack.shared().kafka().bootstrapServers(), EventTypes.INGESTION_REJECTED.topic()).stream()
                .filter(record -> record.value().contains(topic))
                .peek(record -> EventSchemas.assertValid(EventTypes.INGESTION_REJECTED, record.value()))
                .map(ConsumerRecord::value)
                .map(json -> CloudEvents.fromJson(json, EventTypes.INGESTION_REJECTED).data())
                .sorted(Comparator.comparingLong(IngestionRejected::offset))
                .toList();
    }

    private long committed() throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.shared().kafka().bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("materialization-service-streams")
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic))
                    .mapToLong(entry -> entry.getValue().offset()).sum();
        }
    }
}
