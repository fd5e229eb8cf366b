package dev.featurestore.runtime.events;

import dev.featurestore.contracts.events.CloudEvent;

/**
 * A transactional outbox: {@link #append} writes an event in the caller's transaction, so the event
 * exists exactly when the change it describes was committed; {@link OutboxRelay} publishes it to
 * Kafka afterwards, at least once.
 */
public interface Outbox {
    /** Appends the event inside the current transaction; stamps the current trace context on it. */
    void append(CloudEvent<?> event);
}
