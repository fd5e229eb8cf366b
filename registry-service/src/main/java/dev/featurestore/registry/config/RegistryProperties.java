package dev.featurestore.registry.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.registry.*}.
 *
 * @param outboxPollInterval how often the outbox relay looks for registry changes not yet published to Kafka
 * @param outboxBatchSize how many outbox rows the relay publishes per round
 */
@Context
@ConfigurationProperties("featurestore.registry")
public record RegistryProperties(
        @Bindable(defaultValue = "500ms") Duration outboxPollInterval,
        @Bindable(defaultValue = "100") int outboxBatchSize) {

    public RegistryProperties {
        ConfigurationChecks.requirePositive(outboxPollInterval, "featurestore.registry.outbox-poll-interval");
        ConfigurationChecks.requirePositive(outboxBatchSize, "featurestore.registry.outbox-batch-size");
    }
}
