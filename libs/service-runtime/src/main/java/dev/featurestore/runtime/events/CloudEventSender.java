package dev.featurestore.runtime.events;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;

/**
 * Sends one structured-mode CloudEvent (its JSON text) to a topic. Blocks until the broker has
 * acknowledged it (all in-sync replicas), and throws when it could not: callers publish at least once.
 * The producer is wrapped by OpenTelemetry ({@code tracing.TracingProducerListener}), so the current
 * trace context travels in the record's {@code traceparent} header.
 */
@KafkaClient(id = "featurestore-events", acks = KafkaClient.Acknowledge.ALL)
public interface CloudEventSender {
    void send(@Topic String topic, @KafkaKey String key, String eventJson);
}
