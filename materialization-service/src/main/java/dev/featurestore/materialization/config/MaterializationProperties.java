package dev.featurestore.materialization.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.materialization.*}, checked at start-up.
 *
 * @param maxConcurrentRuns materialization runs executing at once; more wait queued
 * @param scheduleCheckInterval how often feature views' materialization_intervals are checked for due runs
 */
@Context
@ConfigurationProperties("featurestore.materialization")
public record MaterializationProperties(
        @Bindable(defaultValue = "2") int maxConcurrentRuns,
        @Bindable(defaultValue = "1m") Duration scheduleCheckInterval) {

    public MaterializationProperties {
        ConfigurationChecks.requirePositive(maxConcurrentRuns, "featurestore.materialization.max-concurrent-runs");
        ConfigurationChecks.requirePositive(scheduleCheckInterval, "featurestore.materialization.schedule-check-interval");
    }
}
