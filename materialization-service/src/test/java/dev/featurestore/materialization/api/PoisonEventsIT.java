package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.DataLanded;
import dev.featurestore.contracts.events.EventDeadLettered;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.runtime.testing.CloudEventRecords;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An event a consumer cannot handle, put straight on the real topic (whatever the APIs accept), is retried a few quick
 * times, then recorded on {@code featurestore.events-dlq} with where it was and why, and the listener moves on: the
 * next project's event is handled within seconds instead of waiting behind it.
 */
class PoisonEventsIT extends MaterializationApiTest {
    private static final RowSchema SOURCE = new RowSchema(List.of(
            new Column("driver_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP), new Column("conv_rate", ValueType.FLOAT64)));

    private final String other = project + "_b";
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    void define() {
        for (String name : List.of(project, other)) {
            registry.put(name, """
                    {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                     "data_sources": [{"name": "src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"}],
                     "feature_views": [{"name": "driver_poison", "entities": ["driver"], "source": "src", "ttl": "7d",
                                        "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]}]}
                    """.formatted(sourcePath(name)));
        }
    }

    @Test
    void aDataLandedEventDatedYearMinus5000IsDeadLetteredAndTheNextProjectsEventIsHandledWithinSeconds() {
        CloudEvent<DataLanded> poison = CloudEvents.create(EventTypes.DATA_LANDED, "/test", new DataLanded(project, "src",
                List.of(sourcePath(project) + "ancient.parquet"), 1L, Instant.parse("-5000-01-01T00:00:00Z"), Instant.parse("-5000-01-01T00:00:00Z")));
        String good = sourcePath(other) + "part-00000.parquet";
        writeParquet(good, SOURCE, List.<Object[]>of(new Object[] {1L, now.minus(1, ChronoUnit.HOURS), 0.5}));

        RecordMetadata poisonAt = send(Topics.DATA_LANDED, poison.subject(), CloudEvents.toJson(poison));
        publish(EventTypes.DATA_LANDED, new DataLanded(other, "src", List.of(good)));

        await().atMost(Duration.ofSeconds(20)).until(() -> onlineIn(other, "driver_poison", 1L) != null);
        EventDeadLettered deadLettered = deadLettered(poison.id());
        assertThat(deadLettered.project()).isEqualTo(project);
        assertThat(deadLettered.consumerGroup()).isEqualTo("materialization-service-data-landed");
        assertThat(deadLettered.topic()).isEqualTo(Topics.DATA_LANDED);
        assertThat(deadLettered.partition()).isEqualTo(poisonAt.partition());
        assertThat(deadLettered.offset()).isEqualTo(poisonAt.offset());
        assertThat(deadLettered.key()).isEqualTo(poison.subject());
        assertThat(deadLettered.record()).isEqualTo(CloudEvents.toJson(poison));
        assertThat(deadLettered.eventType()).isEqualTo("data.landed");
        assertThat(deadLettered.attempts()).isEqualTo(3);
        assertThat(deadLettered.infrastructure()).isFalse();
        assertThat(deadLettered.exception()).isNotBlank();
        assertThat(deadLettered.reason()).isNotBlank();
        assertThat(http.get("/prometheus").body())
                .containsPattern("featurestore_events_dead_lettered_total\\{group=\"materialization-service-data-landed\",topic=\"featurestore.data-landed\",?\\} [1-9]");
    }

    @Test
    void anUnreadableRegistryChangeIsDeadLetteredAtOnceAndTheNextProjectsChangeIsHandled() {
        String unreadable = "{\"specversion\": \"1.0\", \"type\": \"registry.object.changed\", \"data\": 42}";
        String good = sourcePath(other) + "created.parquet";
        writeParquet(good, SOURCE, List.<Object[]>of(new Object[] {2L, now.minus(2, ChronoUnit.HOURS), 0.25}));

        RecordMetadata poisonAt = send(Topics.REGISTRY_CHANGES, project + "/feature_view/driver_poison", unreadable);
        publish(CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/test",
                new RegistryObjectChanged(other, ObjectKind.FEATURE_VIEW, "driver_poison", ChangeAction.CREATED, 1, 1, List.of())));

        await().atMost(Duration.ofSeconds(20)).until(() -> onlineIn(other, "driver_poison", 2L) != null);
        ConsumerRecord<String, String> record = TopicReader.awaitRecord(TestStack.shared().kafka().bootstrapServers(), Topics.EVENTS_DLQ,
                candidate -> candidate.value() != null && candidate.value().contains("\"offset\":%d,".formatted(poisonAt.offset()))
                        && candidate.value().contains("materialization-service-registry-changes"), Duration.ofSeconds(20));
        EventDeadLettered deadLettered = (EventDeadLettered) CloudEvents.fromJson(record.value()).data();
        assertThat(deadLettered.project()).isEqualTo(project);
        assertThat(deadLettered.topic()).isEqualTo(Topics.REGISTRY_CHANGES);
        assertThat(deadLettered.partition()).isEqualTo(poisonAt.partition());
        assertThat(deadLettered.record()).isEqualTo(unreadable);
        assertThat(deadLettered.eventId()).isNull();
        assertThat(deadLettered.attempts()).isEqualTo(1);
        CloudEventRecords.assertReadableByCloudEventsSdk(TestStack.shared().kafka().bootstrapServers(), record, EventTypes.EVENT_DEAD_LETTERED,
                "/featurestore/materialization-service");
    }

    private EventDeadLettered deadLettered(String eventId) {
        ConsumerRecord<String, String> record = TopicReader.awaitRecord(TestStack.shared().kafka().bootstrapServers(), Topics.EVENTS_DLQ,
                candidate -> candidate.value() != null && candidate.value().contains(eventId), Duration.ofSeconds(20));
        CloudEvent<?> event = CloudEvents.fromJson(record.value());
        assertThat(event.type()).isEqualTo("event.dead_lettered");
        return (EventDeadLettered) event.data();
    }

    private static RecordMetadata send(String topic, String key, String value) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.shared().kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send a record to %s".formatted(topic), e);
        }
    }
}
