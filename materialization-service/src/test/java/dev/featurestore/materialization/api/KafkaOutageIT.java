package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.KafkaServer;
import dev.featurestore.testkit.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With Kafka down, a run still succeeds and its watermark moves (its event waits in the outbox); the event is
 * published once Kafka is back, once. Runs against a Kafka broker of its own, which the test stops and restarts.
 */
class KafkaOutageIT extends MaterializationApiTest {
    private static final RowSchema SOURCE = new RowSchema(List.of(
            new Column("driver_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP), new Column("conv_rate", ValueType.FLOAT64)));

    private final KafkaServer kafka = TestStack.shared().dedicatedKafka();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Override
    Map<String, String> moreProperties() {
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "kafka.producers.featurestore-events.max.block.ms", "2000",
                "featurestore.materialization.stream-enabled", "false",
                // the registry client's listener deletes its consumer group on shutdown, which waits for a broker closed by then
                "featurestore.registry-client.enabled", "false");
    }

    @BeforeAll
    void define() {
        putDriverView("driver_outage", "outage", "conv_rate:FLOAT64");
        writeParquet(sourcePath("outage") + "part-00000.parquet", SOURCE, List.<Object[]>of(new Object[] {1L, now.minus(1, ChronoUnit.HOURS), 0.5}));
    }

    @AfterAll
    void closeKafka() {
        kafka.close();
    }

    @Test
    void aRunSucceedsWhileKafkaIsDownAndItsEventIsPublishedOnceWhenKafkaReturns() {
        kafka.stop();

        String id = materialize("/v1/materialize", """
                {"project": "%s", "start_ts": "%s", "end_ts": "%s"}""".formatted(project, now.minus(1, ChronoUnit.DAYS), now)).get(0);
        Map<String, Object> run = awaitFinished(id);
        Map<String, Object> next = awaitFinished(materialize("/v1/materialize-incremental", """
                {"project": "%s", "end_ts": "%s"}""".formatted(project, now.plus(1, ChronoUnit.HOURS))).get(0));

        assertThat(run).containsEntry("state", "succeeded");
        assertThat(online("driver_outage", 1L).values()).isEqualTo(List.of(0.5));
        assertThat(next).containsEntry("state", "succeeded").containsEntry("start_ts", now.toString());

        kafka.start();

        ConsumerRecord<String, String> record = TopicReader.awaitRecord(kafka.bootstrapServers(), EventTypes.MATERIALIZATION_COMPLETED.topic(),
                candidate -> candidate.value().contains(id), Duration.ofSeconds(90));
        MaterializationCompleted completed = CloudEvents.fromJson(record.value(), EventTypes.MATERIALIZATION_COMPLETED).data();
        assertThat(completed.runId()).isEqualTo(id);
        assertThat(completed.entitiesWritten()).isEqualTo(1);
        TopicReader.awaitRecord(kafka.bootstrapServers(), EventTypes.MATERIALIZATION_COMPLETED.topic(),
                candidate -> candidate.value().contains((String) next.get("run_id")), Duration.ofSeconds(30));
        List<String> ids = TopicReader.readAll(kafka.bootstrapServers(), EventTypes.MATERIALIZATION_COMPLETED.topic()).stream()
                .filter(candidate -> candidate.value().contains(id))
                .map(candidate -> CloudEvents.fromJson(candidate.value()).id())
                .distinct()
                .toList();
        assertThat(ids).as("distinct event ids of the run").hasSize(1);
    }
}
