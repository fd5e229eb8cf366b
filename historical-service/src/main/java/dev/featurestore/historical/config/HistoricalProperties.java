package dev.featurestore.historical.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.historical.*}, checked at start-up.
 *
 * @param maxConcurrentJobs historical-features jobs running at once on this instance; more wait queued
 * @param jobRetention how long a finished job's state is kept
 * @param scanThreads threads per job reading source footers at once, and encoding the output's columns (the join
 *     itself runs on the offline engine, {@code featurestore.offline-engine.*})
 * @param inlineRowLimit the most entity rows a request may carry inline
 * @param outputPrefix where outputs go when a request names no {@code output_uri}: {@code <prefix><job_id>/}
 * @param rowsPerFile the most rows of one output part file
 * @param pollInterval how often queued jobs are looked for (a submit on this instance also starts one at once)
 * @param heartbeatInterval how often a running job's progress is saved and its cancellation checked
 * @param leaseTimeout a running job whose heartbeat is older is taken over by another instance (its own died)
 * @param maxAttempts how many times a job is started before it fails (each restart of its instance is an attempt)
 */
@Context
@ConfigurationProperties("featurestore.historical")
public record HistoricalProperties(
        @Bindable(defaultValue = "2") int maxConcurrentJobs,
        @Bindable(defaultValue = "7d") Duration jobRetention,
        @Bindable(defaultValue = "2") int scanThreads,
        @Bindable(defaultValue = "10000") int inlineRowLimit,
        @Bindable(defaultValue = "s3://featurestore/training-sets/") String outputPrefix,
        @Bindable(defaultValue = "1000000") long rowsPerFile,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "1s") Duration heartbeatInterval,
        @Bindable(defaultValue = "30s") Duration leaseTimeout,
        @Bindable(defaultValue = "3") int maxAttempts) {

    private static final String PREFIX = "featurestore.historical.";

    public HistoricalProperties {
        ConfigurationChecks.requirePositive(maxConcurrentJobs, PREFIX + "max-concurrent-jobs");
        ConfigurationChecks.requirePositive(jobRetention, PREFIX + "job-retention");
        ConfigurationChecks.requirePositive(scanThreads, PREFIX + "scan-threads");
        ConfigurationChecks.requirePositive(inlineRowLimit, PREFIX + "inline-row-limit");
        if (rowsPerFile < 1) {
            throw new IllegalArgumentException("%srows-per-file must be positive, got %d".formatted(PREFIX, rowsPerFile));
        }
        ConfigurationChecks.requirePositive(pollInterval, PREFIX + "poll-interval");
        ConfigurationChecks.requirePositive(heartbeatInterval, PREFIX + "heartbeat-interval");
        ConfigurationChecks.requirePositive(leaseTimeout, PREFIX + "lease-timeout");
        ConfigurationChecks.requirePositive(maxAttempts, PREFIX + "max-attempts");
        if (leaseTimeout.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("%slease-timeout (%s) must be at least three heartbeat intervals (%s)"
                    .formatted(PREFIX, leaseTimeout, heartbeatInterval));
        }
        if (!outputPrefix.startsWith("s3://") && !outputPrefix.startsWith("file://")) {
            throw new IllegalArgumentException("%soutput-prefix must be an s3:// or file:// URI, got '%s'".formatted(PREFIX, outputPrefix));
        }
    }
}
