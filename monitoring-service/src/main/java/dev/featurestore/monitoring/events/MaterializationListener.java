package dev.featurestore.monitoring.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.contracts.events.MaterializationFailed;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.monitoring.domain.freshness.FreshnessTracker;
import dev.featurestore.monitoring.domain.statistics.StatisticsRecorder;
import dev.featurestore.runtime.events.IdempotentEventConsumer;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Consumes {@code featurestore.materialization}, idempotently on the event id: each run's outcome is recorded (with its
 * statistics) and the view's freshness evaluated in the transaction that marks the event handled, so a redelivered
 * event changes nothing and a failure leaves nothing half-recorded (the event is retried).
 */
@KafkaListener(
        groupId = MaterializationListener.GROUP,
        offsetReset = OffsetReset.EARLIEST,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryCount = IdempotentEventConsumer.TRANSIENT_RETRY_COUNT,
                retryDelay = IdempotentEventConsumer.TRANSIENT_RETRY_DELAY))
public class MaterializationListener {
    static final String GROUP = "monitoring-service-materialization";

    private final IdempotentEventConsumer consumer;
    private final FreshnessTracker freshness;
    private final StatisticsRecorder statistics;

    public MaterializationListener(IdempotentEventConsumer consumer, FreshnessTracker freshness, StatisticsRecorder statistics) {
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.freshness = requireNonNull(freshness, "freshness is null");
        this.statistics = requireNonNull(statistics, "statistics is null");
    }

    @Topic(Topics.MATERIALIZATION)
    @SuppressWarnings("unchecked")
    void receive(ConsumerRecord<String, String> record) {
        consumer.consume(GROUP, record, event -> {
            if (event.data() instanceof MaterializationCompleted) {
                freshness.onCompleted((CloudEvent<MaterializationCompleted>) event);
                statistics.onCompleted((CloudEvent<MaterializationCompleted>) event);
            } else if (event.data() instanceof MaterializationFailed) {
                freshness.onFailed((CloudEvent<MaterializationFailed>) event);
            }
        });
    }
}
