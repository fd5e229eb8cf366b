package dev.featurestore.runtime.events;

import dev.featurestore.contracts.events.CloudEvent;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.messaging.annotation.MessageHeader;

/**
 * Sends one structured-mode CloudEvent (its JSON text) to a topic, following the CloudEvents Kafka protocol binding:
 * the record's value is the whole event in the JSON event format, unchanged, and its {@code content-type} header says
 * so ({@value CloudEvent#STRUCTURED_CONTENT_TYPE}), which is what the CloudEvents SDKs' Kafka deserializers look for
 * (docs/events.md). The key is the event's {@code subject}. Blocks until the broker has acknowledged the record (all
 * in-sync replicas), and throws when it could not: callers publish at least once. The producer is wrapped by
 * OpenTelemetry ({@code tracing.TracingProducerListener}), so the current trace context travels in the record's
 * {@code traceparent} header too.
 */
@KafkaClient(id = "featurestore-events", acks = KafkaClient.Acknowledge.ALL)
public interface CloudEventSender {
    @MessageHeader(name = CloudEvent.KAFKA_CONTENT_TYPE_HEADER, value = CloudEvent.STRUCTURED_CONTENT_TYPE)
    void send(@Topic String topic, @KafkaKey String key, String eventJson);
}
