package dev.featurestore.monitoring.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.monitoring.*}, checked at start-up.
 *
 * @param freshnessCheckInterval how often each online view's freshness is compared with its freshness_sla
 */
@Context
@ConfigurationProperties("featurestore.monitoring")
public record MonitoringProperties(
        @Bindable(defaultValue = "1m") Duration freshnessCheckInterval) {

    public MonitoringProperties {
        ConfigurationChecks.requirePositive(freshnessCheckInterval, "featurestore.monitoring.freshness-check-interval");
    }
}
