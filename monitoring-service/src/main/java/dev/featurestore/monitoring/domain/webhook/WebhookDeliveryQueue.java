package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import jakarta.inject.Singleton;
import java.util.UUID;

/** Queues each published event for the webhooks of its project ({@code EventPublisher}); {@link WebhookDispatcher} delivers them. */
@Singleton
public class WebhookDeliveryQueue {
    private final WebhookStore store;
    private final WebhookDispatcher dispatcher;

    public WebhookDeliveryQueue(WebhookStore store, WebhookDispatcher dispatcher) {
        this.store = requireNonNull(store, "store is null");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
    }

    /** Queues the event for each webhook of the project that receives its type, in the caller's transaction. */
    public void enqueue(String project, CloudEvent<?> event) {
        if (store.enqueue(project, UUID.fromString(event.id()), event.type(), CloudEvents.toJson(event)) > 0) {
            dispatcher.wake();
        }
    }
}
