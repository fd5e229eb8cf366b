package dev.featurestore.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventType;
import dev.featurestore.contracts.json.ContractsJson;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the suite's Kafka records as a consumer outside the suite does: through the CloudEvents Java SDK's Kafka
 * deserializer ({@link CloudEventDeserializer}), which understands a record only when it follows the CloudEvents Kafka
 * protocol binding. A test that has found an event a service published (as a string record, with {@link TopicReader})
 * hands it to {@link #assertReadableByCloudEventsSdk} to check that the SDK reads the same event from the same record.
 * The module using it declares {@code io.cloudevents:cloudevents-kafka} and {@code cloudevents-json-jackson} (test scope).
 */
public final class CloudEventRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEventRecords() {
    }

    /**
     * Reads one record through the SDK's deserializer.
     *
     * @return the record at {@code offset} of the partition, its value the SDK's event
     */
    public static ConsumerRecord<String, CloudEvent> read(String bootstrapServers, String topic, int partition, long offset) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-cloudevents-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new CloudEventDeserializer())) {
            TopicPartition topicPartition = new TopicPartition(topic, partition);
            consumer.assign(List.of(topicPartition));
            consumer.seek(topicPartition, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                }
            }
            throw new AssertionError("no record at %s-%d@%d within 10 s".formatted(topic, partition, offset));
        }
    }

    /**
     * Reads the record again through the SDK's deserializer and checks that the SDK sees the event the suite's own
     * reader ({@link CloudEvents#fromJson}) sees: the same {@code id}, {@code source}, {@code type}, {@code subject}
     * (the record's key), {@code time} and {@code data} (as JSON, and bound to the type's data record), in structured
     * mode ({@code content-type} header).
     *
     * @param record a record a service published, as read with {@link TopicReader}
     * @param type the event type the record must hold
     * @param source the producer the event must name, such as {@code /featurestore/registry-service}
     * @return the event as the SDK read it
     */
    public static CloudEvent assertReadableByCloudEventsSdk(String bootstrapServers, ConsumerRecord<String, String> record, EventType<?> type,
            String source) {
        dev.featurestore.contracts.events.CloudEvent<?> ours = CloudEvents.fromJson(record.value(), type);

        CloudEvent sdk = read(bootstrapServers, record.topic(), record.partition(), record.offset()).value();

        assertThat(sdk).as("the SDK's event of %s", record.value()).isNotNull();
        Header contentType = record.headers().lastHeader(dev.featurestore.contracts.events.CloudEvent.KAFKA_CONTENT_TYPE_HEADER);
        assertThat(contentType).as("content-type header of %s", record).isNotNull();
        assertThat(new String(contentType.value(), StandardCharsets.UTF_8)).isEqualTo(dev.featurestore.contracts.events.CloudEvent.STRUCTURED_CONTENT_TYPE);
        assertThat(sdk.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(sdk.getId()).isEqualTo(ours.id());
        assertThat(sdk.getSource()).hasToString(source).hasToString(ours.source());
        assertThat(sdk.getType()).isEqualTo(type.type());
        assertThat(sdk.getSubject()).isEqualTo(record.key()).isEqualTo(ours.subject());
        assertThat(sdk.getTime()).isNotNull();
        assertThat(sdk.getTime().toInstant()).isEqualTo(ours.time());
        assertThat(sdk.getDataContentType()).isEqualTo(dev.featurestore.contracts.events.CloudEvent.CONTENT_TYPE);
        assertThat(sdk.getData()).isNotNull();
        byte[] data = sdk.getData().toBytes();
        assertThat(tree(data)).isEqualTo(tree(record.value().getBytes(StandardCharsets.UTF_8)).get("data"));
        assertThat(bind(data, type)).isEqualTo(ours.data());
        if (ours.traceparent() != null) {
            assertThat(sdk.getExtension("traceparent")).isEqualTo(ours.traceparent());
        }
        return sdk;
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object bind(byte[] data, EventType<?> type) {
        try {
            return ContractsJson.mapper().readValue(data, type.dataClass());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
