package dev.featurestore.monitoring.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.monitoring.domain.RegistryChangeHandler;
import dev.featurestore.runtime.events.IdempotentEventConsumer;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Consumes {@code featurestore.registry-changes}; delegates, idempotently on the event id. */
@KafkaListener(
        groupId = "monitoring-service",
        offsetReset = OffsetReset.EARLIEST,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 10, retryDelay = "500ms"))
public class RegistryChangesListener {
    private final IdempotentEventConsumer consumer;
    private final RegistryChangeHandler handler;

    public RegistryChangesListener(IdempotentEventConsumer consumer, RegistryChangeHandler handler) {
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.handler = requireNonNull(handler, "handler is null");
    }

    @Topic(Topics.REGISTRY_CHANGES)
    void receive(ConsumerRecord<String, String> record) {
        consumer.consume(record, event -> {
            if (event.type().equals(EventTypes.REGISTRY_OBJECT_CHANGED.type())) {
                handler.apply((RegistryObjectChanged) event.data());
            }
        });
    }
}
