package dev.featurestore.serving.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.serving.pending-events.*}: where the {@code data.landed} events of offline pushes wait until
 * Kafka has taken them (see {@code domain.PendingEvents}).
 *
 * @param prefix the object prefix of the pending events ({@code s3://bucket/prefix/}); absent:
 *     {@code s3://<featurestore.s3.bucket>/_featurestore/pending-events/serving-service/}
 * @param relayInterval how often the relay publishes the pending events
 */
@Context
@ConfigurationProperties("featurestore.serving.pending-events")
public record PendingEventsProperties(
        @Nullable String prefix,
        @Bindable(defaultValue = "2s") Duration relayInterval) {

    public PendingEventsProperties {
        ConfigurationChecks.requirePositive(relayInterval, "featurestore.serving.pending-events.relay-interval");
        if (prefix != null && !prefix.startsWith("s3://")) {
            throw new IllegalArgumentException("featurestore.serving.pending-events.prefix must be an s3:// prefix, got '%s'".formatted(prefix));
        }
    }
}
