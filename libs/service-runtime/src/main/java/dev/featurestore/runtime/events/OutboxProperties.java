package dev.featurestore.runtime.events;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.outbox.*}: the transactional outbox of a service that publishes events.
 *
 * @param enabled whether this service runs the outbox relay (its schema has the {@code outbox} table)
 * @param pollInterval how often the relay looks for events not yet published
 * @param batchSize how many events the relay publishes per round
 * @param retention how long published events stay in the table (then the hourly clean-up deletes them)
 */
@ConfigurationProperties("featurestore.outbox")
public record OutboxProperties(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "200ms") Duration pollInterval,
        @Bindable(defaultValue = "100") int batchSize,
        @Bindable(defaultValue = "7d") Duration retention) {

    public OutboxProperties {
        ConfigurationChecks.requirePositive(pollInterval, "featurestore.outbox.poll-interval");
        ConfigurationChecks.requirePositive(batchSize, "featurestore.outbox.batch-size");
        ConfigurationChecks.requirePositive(retention, "featurestore.outbox.retention");
    }
}
