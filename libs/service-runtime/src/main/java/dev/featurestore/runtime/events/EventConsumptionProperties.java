package dev.featurestore.runtime.events;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.events.*}: how a consumer of the suite's topics treats an event it cannot handle.
 *
 * @param attempts how many times a handler failing on the event itself runs before the event is dead-lettered
 * @param retryDelay the pause before the second attempt; it doubles before each further one
 * @param transientTimeout how long a record failing on infrastructure (database, broker, network) is retried before it
 *                         is dead-lettered as well
 */
@ConfigurationProperties("featurestore.events")
public record EventConsumptionProperties(
        @Bindable(defaultValue = "3") int attempts,
        @Bindable(defaultValue = "200ms") Duration retryDelay,
        @Bindable(defaultValue = "30m") Duration transientTimeout) {

    public EventConsumptionProperties {
        ConfigurationChecks.requirePositive(attempts, "featurestore.events.attempts");
        ConfigurationChecks.requirePositive(retryDelay, "featurestore.events.retry-delay");
        ConfigurationChecks.requirePositive(transientTimeout, "featurestore.events.transient-timeout");
        if (attempts > 10) {
            throw new IllegalArgumentException("featurestore.events.attempts must be at most 10, not %d".formatted(attempts));
        }
        if (retryDelay.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("featurestore.events.retry-delay must be at most 5s, not %s".formatted(retryDelay));
        }
    }
}
