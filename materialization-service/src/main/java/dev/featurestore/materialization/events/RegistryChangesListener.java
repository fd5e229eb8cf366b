package dev.featurestore.materialization.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.materialization.domain.Triggers;
import dev.featurestore.runtime.events.IdempotentEventConsumer;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Consumes {@code featurestore.registry-changes} as one consumer group of all instances (each event handled once,
 * idempotently on its id) and hands each event to {@link Triggers#onRegistryChange}. A new group starts at the
 * beginning of the topic, so views created before the first start are scheduled too.
 */
@KafkaListener(
        groupId = RegistryChangesListener.GROUP,
        offsetReset = OffsetReset.EARLIEST,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryCount = IdempotentEventConsumer.TRANSIENT_RETRY_COUNT,
                retryDelay = IdempotentEventConsumer.TRANSIENT_RETRY_DELAY))
public class RegistryChangesListener {
    static final String GROUP = "materialization-service-registry-changes";

    private final IdempotentEventConsumer consumer;
    private final Triggers triggers;

    public RegistryChangesListener(IdempotentEventConsumer consumer, Triggers triggers) {
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.triggers = requireNonNull(triggers, "triggers is null");
    }

    @Topic(Topics.REGISTRY_CHANGES)
    void receive(ConsumerRecord<String, String> record) {
        consumer.consume(GROUP, record, event -> {
            if (event.data() instanceof RegistryObjectChanged changed) {
                triggers.onRegistryChange(changed);
            }
        });
    }
}
