package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.monitoring.domain.EventPublisher;
import jakarta.inject.Singleton;
import java.util.UUID;

/** Queues each published event for the webhooks of its project; {@link WebhookDispatcher} delivers them. */
@Singleton
public class WebhookDeliveryQueue implements EventPublisher.WebhookQueue {
    private final WebhookStore store;
    private final WebhookDispatcher dispatcher;

    public WebhookDeliveryQueue(WebhookStore store, WebhookDispatcher dispatcher) {
        this.store = requireNonNull(store, "store is null");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
    }

    @Override
    public void enqueue(String project, CloudEvent<?> event) {
        if (store.enqueue(project, UUID.fromString(event.id()), event.type(), CloudEvents.toJson(event)) > 0) {
            dispatcher.wake();
        }
    }
}
