package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An HTTP endpoint of a project that receives monitoring's events.
 *
 * @param eventTypes the event types it receives
 * @param secret the key each body is signed with (HMAC-SHA256), null for none
 */
public record Webhook(UUID id, String project, String url, List<String> eventTypes, @Nullable String secret, @Nullable String description,
        Instant createdAt) {
    /** The event types a webhook can receive: every type monitoring publishes. */
    public static final List<String> EVENT_TYPES = List.of("freshness.violated", "freshness.recovered", "drift.detected");

    public Webhook {
        requireNonNull(id, "id is null");
        requireNonNull(project, "project is null");
        requireNonNull(url, "url is null");
        eventTypes = List.copyOf(eventTypes);
        requireNonNull(createdAt, "createdAt is null");
    }
}
