package dev.featurestore.runtime.health;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.health.*}: how the dependency health indicators probe.
 *
 * @param timeout how long one probe (SELECT 1, describeCluster, PING, HeadBucket) may take before the dependency counts as DOWN
 */
@Context
@ConfigurationProperties("featurestore.health")
public record HealthProperties(@Bindable(defaultValue = "3s") Duration timeout) {
    public HealthProperties {
        ConfigurationChecks.requirePositive(timeout, "featurestore.health.timeout");
    }
}
