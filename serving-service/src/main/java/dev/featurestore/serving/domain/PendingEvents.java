package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.offlinestore.ObjectInfo;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.runtime.events.CloudEventSender;
import dev.featurestore.serving.config.PendingEventsProperties;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events that must not be lost although Kafka may be down, kept as one object each under a prefix of the object
 * store until the broker has acknowledged them (serving has no database of its own; the object store is what an
 * offline push writes to anyway, so it is up whenever there is an event to keep). {@link #publish} writes the event's
 * object first, then sends it and deletes the object; when the send fails the object stays and {@link #relay}
 * (every {@code featurestore.serving.pending-events.relay-interval}, on any instance) sends it later. An event may
 * so be published more than once, always with the same id: consumers handle an id once.
 */
@Singleton
public class PendingEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PendingEvents.class);
    private static final String SUFFIX = ".json";

    private final ObjectStore store;
    private final CloudEventSender sender;
    private final StorageUri prefix;

    public PendingEvents(ObjectStore store, CloudEventSender sender, PendingEventsProperties properties,
            @Value("${featurestore.s3.bucket}") String bucket) {
        this.store = requireNonNull(store, "store is null");
        this.sender = requireNonNull(sender, "sender is null");
        this.prefix = StorageUri.parse(properties.prefix() != null ? properties.prefix()
                : "s3://%s/_featurestore/pending-events/serving-service/".formatted(requireNonNull(bucket, "bucket is null"))).asPrefix();
    }

    /** Where the pending events are kept. */
    public StorageUri prefix() {
        return prefix;
    }

    /**
     * Keeps the event, then publishes it.
     *
     * @return true when it was published now, false when it stays pending (Kafka did not take it)
     * @throws RuntimeException when it could not be kept (the object store failed): nothing is pending
     */
    public boolean publish(CloudEvent<?> event) {
        requireNonNull(event, "event is null");
        StorageUri marker = prefix.resolve(event.id() + SUFFIX);
        String json = CloudEvents.toJson(event);
        store.put(marker, json.getBytes(StandardCharsets.UTF_8));
        try {
            send(json);
        } catch (RuntimeException e) {
            LOG.warn("Event {} ({}) could not be published, it is kept in {} and published when Kafka takes it: {}", event.id(), event.type(),
                    marker, e.getMessage());
            return false;
        }
        forget(marker);
        return true;
    }

    /**
     * Publishes the pending events, oldest key first, until one fails.
     *
     * @return how many were published
     */
    public int relay() {
        List<ObjectInfo> pending = store.list(prefix).stream().filter(info -> info.uri().toString().endsWith(SUFFIX)).toList();
        int published = 0;
        for (ObjectInfo info : pending) {
            String json;
            try {
                json = new String(store.read(info.uri(), 0, (int) info.size()), StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                LOG.debug("Pending event {} is gone (published by another instance?): {}", info.uri(), e.getMessage());
                continue;
            }
            try {
                send(json);
            } catch (RuntimeException e) {
                LOG.warn("{} pending event(s) still cannot be published, retrying later: {}", pending.size() - published, e.getMessage());
                break;
            }
            forget(info.uri());
            published++;
        }
        if (published > 0) {
            LOG.info("Published {} pending event(s) from {}", published, prefix);
        }
        return published;
    }

    private void send(String json) {
        CloudEvent<?> event = CloudEvents.fromJson(json);
        String topic = EventTypes.byType(event.type())
                .orElseThrow(() -> new IllegalStateException("unknown event type '%s'".formatted(event.type())))
                .topic();
        sender.send(topic, event.subject(), json);
    }

    private void forget(StorageUri marker) {
        try {
            store.delete(marker);
        } catch (RuntimeException e) {
            LOG.warn("Published event {} could not be deleted, it will be published again (consumers skip it): {}", marker, e.getMessage());
        }
    }
}
