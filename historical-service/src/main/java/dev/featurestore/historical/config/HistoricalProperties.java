package dev.featurestore.historical.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.historical.*}, checked at start-up.
 *
 * @param maxConcurrentJobs historical-features jobs running at once; more wait queued
 * @param jobRetention how long a finished job's state is kept
 */
@Context
@ConfigurationProperties("featurestore.historical")
public record HistoricalProperties(
        @Bindable(defaultValue = "2") int maxConcurrentJobs,
        @Bindable(defaultValue = "7d") Duration jobRetention) {

    public HistoricalProperties {
        ConfigurationChecks.requirePositive(maxConcurrentJobs, "featurestore.historical.max-concurrent-jobs");
        ConfigurationChecks.requirePositive(jobRetention, "featurestore.historical.job-retention");
    }
}
