package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.DataLanded;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.offlinestore.ObjectInfo;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.serving.domain.PendingEvents;
import dev.featurestore.testkit.KafkaServer;
import dev.featurestore.testkit.TestStack;
import jakarta.inject.Inject;
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
 * An offline push while Kafka is down lands its rows once, however often it is retried, and its {@code data.landed}
 * event is published (under one id) once Kafka is back. Runs against a Kafka broker of its own, which the test stops
 * and restarts.
 */
class PushKafkaOutageIT extends ServingApiTest {
    private final KafkaServer kafka = TestStack.shared().dedicatedKafka();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String sourcePath;

    @Inject
    ObjectStore objectStore;
    @Inject
    PendingEvents pendingEvents;

    @Override
    Map<String, String> moreProperties() {
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "kafka.producers.featurestore-events.max.block.ms", "2000",
                "kafka.producers.featurestore-events.delivery.timeout.ms", "3000",
                "kafka.producers.featurestore-events.request.timeout.ms", "2000",
                "featurestore.serving.pending-events.relay-interval", "300ms",
                // the registry client's listener deletes its consumer group on shutdown, which waits for a broker closed by then
                "featurestore.registry-client.enabled", "false");
    }

    @BeforeAll
    void define() {
        sourcePath = sourcePath("driver_stats");
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "driver_src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"},
                   {"name": "driver_push", "type": "push", "batch_source": "driver_src"}],
                 "feature_views": [
                   {"name": "driver_live", "entities": ["driver"], "source": "driver_push", "ttl": "1h",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]}]}
                """.formatted(sourcePath));
    }

    @AfterAll
    void closeKafka() {
        kafka.close();
    }

    @Test
    void anOfflinePushRetriedWhileKafkaIsDownLandsOnceAndItsEventIsPublishedWhenKafkaReturns() {
        String body = """
                {"push_source_name": "driver_push", "to": "online_and_offline",
                 "df": {"driver_id": [1, 2], "event_timestamp": ["%1$s", "%1$s"], "conv_rate": [0.5, 0.25]}}""".formatted(now);
        kafka.stop();

        RawHttp.Answer first = post("/push", body);
        RawHttp.Answer retried = post("/push", body);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        String object = (String) first.json().get("offline_object");
        assertThat(retried.json().get("offline_object")).isEqualTo(object);
        assertThat(objectStore.list(StorageUri.parse(sourcePath)).stream().map(ObjectInfo::uri).map(StorageUri::toString).toList())
                .containsExactly(object);
        assertThat(objectStore.list(pendingEvents.prefix())).hasSize(1);

        kafka.start();

        ConsumerRecord<String, String> record = TopicReader.awaitRecord(kafka.bootstrapServers(), EventTypes.DATA_LANDED.topic(),
                candidate -> candidate.value().contains(object), Duration.ofSeconds(90));
        CloudEvent<DataLanded> event = CloudEvents.fromJson(record.value(), EventTypes.DATA_LANDED);
        assertThat(event.data()).isEqualTo(new DataLanded(project, "driver_src", List.of(object), 2L, now, now));
        await().atMost(Duration.ofSeconds(30)).until(() -> objectStore.list(pendingEvents.prefix()).isEmpty());
        List<String> ids = TopicReader.readAll(kafka.bootstrapServers(), EventTypes.DATA_LANDED.topic()).stream()
                .filter(candidate -> candidate.value().contains(object))
                .map(candidate -> CloudEvents.fromJson(candidate.value()).id())
                .distinct()
                .toList();
        assertThat(ids).as("distinct event ids of the push").containsExactly(event.id());

        RawHttp.Answer again = post("/push", body);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("offline_object")).isEqualTo(object);
        assertThat(objectStore.list(StorageUri.parse(sourcePath))).hasSize(1);
    }
}
