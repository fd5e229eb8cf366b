package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * One event's delivery to one webhook, as the delivery log shows it.
 *
 * @param attempts requests made so far
 * @param nextAttemptAt when it is attempted next, while pending
 * @param lastStatus the endpoint's last HTTP status, null when it was not reached
 * @param lastError why the last attempt failed
 */
public record Delivery(long id, UUID webhookId, UUID eventId, String eventType, State state, int attempts, @Nullable Instant nextAttemptAt,
        @Nullable Instant lastAttemptAt, @Nullable Integer lastStatus, @Nullable String lastError, Instant createdAt, @Nullable Instant deliveredAt) {
    public Delivery {
        requireNonNull(webhookId, "webhookId is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** Where a delivery stands. */
    public enum State {
        PENDING,
        DELIVERED,
        FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State fromWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** A delivery claimed for an attempt: what to send where. */
    public record Attempt(long id, UUID webhookId, String url, @Nullable String secret, UUID eventId, String eventType, String payload, int attempts) {
    }
}
