package dev.featurestore.runtime.tracing;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.opentelemetry.instrumentation.kafkaclients.v2_6.KafkaTelemetry;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;

/** Wraps every Kafka consumer bean so each poll gets a receive span linked to the producers' traces. */
@Singleton
@Requires(beans = KafkaTelemetry.class)
public final class TracingConsumerListener implements BeanCreatedEventListener<Consumer<?, ?>> {
    private final KafkaTelemetry telemetry;

    public TracingConsumerListener(KafkaTelemetry telemetry) {
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
    }

    @Override
    public Consumer<?, ?> onCreated(BeanCreatedEvent<Consumer<?, ?>> event) {
        return telemetry.wrap(event.getBean());
    }
}
