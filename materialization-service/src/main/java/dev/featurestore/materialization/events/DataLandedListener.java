package dev.featurestore.materialization.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.DataLanded;
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
 * Consumes {@code featurestore.data-landed} as one consumer group of all instances (each event handled once,
 * idempotently on its id) and hands each event to {@link Triggers#onDataLanded}. A new group starts at the beginning of
 * the topic, so data that landed before the first start is materialized too.
 */
@KafkaListener(
        groupId = DataLandedListener.GROUP,
        offsetReset = OffsetReset.EARLIEST,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryCount = IdempotentEventConsumer.TRANSIENT_RETRY_COUNT,
                retryDelay = IdempotentEventConsumer.TRANSIENT_RETRY_DELAY))
public class DataLandedListener {
    static final String GROUP = "materialization-service-data-landed";

    private final IdempotentEventConsumer consumer;
    private final Triggers triggers;

    public DataLandedListener(IdempotentEventConsumer consumer, Triggers triggers) {
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.triggers = requireNonNull(triggers, "triggers is null");
    }

    @Topic(Topics.DATA_LANDED)
    void receive(ConsumerRecord<String, String> record) {
        consumer.consume(GROUP, record, event -> {
            if (event.data() instanceof DataLanded landed) {
                triggers.onDataLanded(landed);
            }
        });
    }
}
