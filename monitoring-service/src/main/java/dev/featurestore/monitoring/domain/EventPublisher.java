package dev.featurestore.monitoring.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.monitoring.domain.webhook.WebhookDeliveryQueue;
import dev.featurestore.runtime.events.Outbox;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Publishes what monitoring finds ({@code freshness.*}, {@code drift.detected}) in the caller's transaction: the event
 * goes to the outbox (to Kafka at least once, with its id) and to the delivery queue of every webhook of its project
 * that wants it, so the event exists exactly when the change it reports was committed.
 */
@Singleton
public class EventPublisher {
    /** The CloudEvents source of monitoring's events. */
    public static final String SOURCE = "/featurestore/monitoring-service";

    private final Outbox outbox;
    private final WebhookDeliveryQueue webhooks;

    public EventPublisher(Outbox outbox, WebhookDeliveryQueue webhooks) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.webhooks = requireNonNull(webhooks, "webhooks is null");
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void publish(String project, CloudEvent<?> event) {
        outbox.append(event);
        webhooks.enqueue(project, event);
    }
}
