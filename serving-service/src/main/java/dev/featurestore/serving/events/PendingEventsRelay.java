package dev.featurestore.serving.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.serving.domain.PendingEvents;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the pending events every {@code featurestore.serving.pending-events.relay-interval}. */
@Singleton
public class PendingEventsRelay {
    private static final Logger LOG = LoggerFactory.getLogger(PendingEventsRelay.class);

    private final PendingEvents pendingEvents;

    public PendingEventsRelay(PendingEvents pendingEvents) {
        this.pendingEvents = requireNonNull(pendingEvents, "pendingEvents is null");
    }

    @Scheduled(fixedDelay = "${featurestore.serving.pending-events.relay-interval:2s}", initialDelay = "2s")
    void relayOnSchedule() {
        try {
            pendingEvents.relay();
        } catch (RuntimeException e) {
            LOG.warn("Relaying pending events failed, retrying on the next round: {}", e.getMessage(), e);
        }
    }
}
