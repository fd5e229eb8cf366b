package dev.featurestore.runtime.tracing;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.opentelemetry.instrumentation.kafkaclients.v2_6.KafkaTelemetry;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;

/** Wraps every Kafka producer bean so each send gets a span and carries the trace context in its headers. */
@Singleton
@Requires(beans = KafkaTelemetry.class)
public final class TracingProducerListener implements BeanCreatedEventListener<Producer<?, ?>> {
    private final KafkaTelemetry telemetry;

    public TracingProducerListener(KafkaTelemetry telemetry) {
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
    }

    @Override
    public Producer<?, ?> onCreated(BeanCreatedEvent<Producer<?, ?>> event) {
        return telemetry.wrap(event.getBean());
    }
}
