package dev.featurestore.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventSamples;
import dev.featurestore.contracts.events.EventType;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.runtime.testing.CloudEventRecords;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event type of the catalogue, sent by the real {@link CloudEventSender} (the one the outbox relay, the dead-letter
 * topic, serving's pending events and stream ingestion publish through) to the test stack's Kafka, is read back by the
 * CloudEvents Java SDK's Kafka deserializer with its attributes and data intact, and the record's value is byte for
 * byte the JSON the suite's own consumers read.
 */
@MicronautTest(environments = "runtime-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudEventsKafkaBindingTest implements TestPropertyProvider {
    @Inject
    CloudEventSender sender;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    static Stream<EventType<?>> eventTypes() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void publishesEveryEventTypeSoTheCloudEventsSdkReadsIt(EventType<?> type) {
        publishAndReadWithTheSdk(type);
    }

    private <T> void publishAndReadWithTheSdk(EventType<T> type) {
        CloudEvent<T> event = EventSamples.event(type);
        String json = CloudEvents.toJson(event);

        sender.send(type.topic(), event.subject(), json);

        ConsumerRecord<String, String> record = TopicReader.awaitRecord(bootstrapServers(), type.topic(), candidate -> candidate.value().equals(json),
                Duration.ofSeconds(30));
        assertThat(record.key()).isEqualTo(type.kafkaKey(event.data()));
        io.cloudevents.CloudEvent read = CloudEventRecords.assertReadableByCloudEventsSdk(bootstrapServers(), record, type, event.source());
        assertThat(read.getId()).isEqualTo(event.id());
        assertThat(read.getSubject()).isEqualTo(event.subject());
        assertThat(read.getTime()).isEqualTo(OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC));
        assertThat(read.getExtension("traceparent")).isEqualTo(event.traceparent());
    }

    @Test
    void deadLettersAreCloudEventsTheSdkReads() {
        DeadLetters deadLetters = new DeadLetters(sender, new SimpleMeterRegistry(), "binding-test", () -> Instant.parse("2026-11-21T10:00:00Z"));
        ConsumerRecord<String, String> poison = new ConsumerRecord<>("featurestore.data-landed", 0, 42L, "binding_test/driver_stats_src", "not an event");

        deadLetters.deadLetter("binding-test-group", poison, null, new IllegalArgumentException("not a CloudEvent"), 1, false);

        ConsumerRecord<String, String> record = TopicReader.awaitRecord(bootstrapServers(), EventTypes.EVENT_DEAD_LETTERED.topic(),
                candidate -> candidate.value().contains("binding-test-group"), Duration.ofSeconds(30));
        io.cloudevents.CloudEvent read = CloudEventRecords.assertReadableByCloudEventsSdk(bootstrapServers(), record, EventTypes.EVENT_DEAD_LETTERED,
                "/featurestore/binding-test");
        assertThat(read.getSubject()).isEqualTo("featurestore.data-landed/0/42");
        assertThat(new String(read.getData().toBytes(), StandardCharsets.UTF_8)).contains("\"project\":\"binding_test\"", "\"record\":\"not an event\"");
    }

    private static String bootstrapServers() {
        return TestStack.shared().kafka().bootstrapServers();
    }
}
