package dev.featurestore.materialization.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.materialization.*}, checked at start-up.
 *
 * @param maxConcurrentRuns materialization runs executing at once on this instance; more wait queued
 * @param scheduleCheckInterval how often feature views' materialization_intervals are checked for due runs
 * @param pollInterval how often this instance looks for queued runs (it also looks at once after a request it took)
 * @param heartbeatInterval how often a running run saves its progress and renews its view's lease
 * @param leaseTimeout a running run whose instance has not renewed its lease for this long is started again by any
 *     instance (after a crash); must exceed the heartbeat interval
 * @param maxAttempts how many times a run is started before it fails as abandoned
 * @param writeBatchSize online records per write
 * @param writesInFlight online writes sent without waiting for earlier ones
 * @param writeTimeout how long one online write may take before the run fails
 * @param expiryRetention how long past its ttl a record stays in Redis (read as OUTSIDE_MAX_AGE); empty: the ttl
 * @param runRetention how long finished runs are kept
 * @param redisCluster whether {@code featurestore.redis.uri} is a seed node of a Redis Cluster
 * @param skewCheckEnabled whether each run ends with the skew check against historical-service
 * @param skewCheckSampleSize entities compared by the skew check
 * @param historicalUrl historical-service's base URL (the skew check's point-in-time values)
 * @param skewCheckTimeout how long the skew check waits for historical-service
 * @param streamEnabled whether this instance ingests the kafka sources' topics
 * @param streamRefreshInterval how often the topics to read are re-read from the kafka sources
 * @param streamMaxPollRecords most records one stream batch holds
 * @param streamReportInterval how often stream ingestion reports what it wrote of each stream-fed view (a
 *     {@code materialization.completed} with trigger {@code stream}, so monitoring sees the view's freshness)
 *
 * <p>How runs read the offline source (memory, threads, work directory) is the offline engine's
 * {@code featurestore.offline-engine.*} ({@code OfflineEngineProperties} of libs/offline-engine).
 */
@Context
@ConfigurationProperties("featurestore.materialization")
public record MaterializationProperties(
        @Bindable(defaultValue = "2") int maxConcurrentRuns,
        @Bindable(defaultValue = "1m") Duration scheduleCheckInterval,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "5s") Duration heartbeatInterval,
        @Bindable(defaultValue = "60s") Duration leaseTimeout,
        @Bindable(defaultValue = "3") int maxAttempts,
        @Bindable(defaultValue = "1000") int writeBatchSize,
        @Bindable(defaultValue = "8") int writesInFlight,
        @Bindable(defaultValue = "30s") Duration writeTimeout,
        @Nullable Duration expiryRetention,
        @Bindable(defaultValue = "30d") Duration runRetention,
        @Bindable(defaultValue = "false") boolean redisCluster,
        @Bindable(defaultValue = "true") boolean skewCheckEnabled,
        @Bindable(defaultValue = "100") int skewCheckSampleSize,
        @Bindable(defaultValue = "http://127.0.0.1:8083") String historicalUrl,
        @Bindable(defaultValue = "30s") Duration skewCheckTimeout,
        @Bindable(defaultValue = "true") boolean streamEnabled,
        @Bindable(defaultValue = "10s") Duration streamRefreshInterval,
        @Bindable(defaultValue = "1000") int streamMaxPollRecords,
        @Bindable(defaultValue = "1m") Duration streamReportInterval) {

    public MaterializationProperties {
        ConfigurationChecks.requirePositive(maxConcurrentRuns, "featurestore.materialization.max-concurrent-runs");
        ConfigurationChecks.requirePositive(scheduleCheckInterval, "featurestore.materialization.schedule-check-interval");
        ConfigurationChecks.requirePositive(pollInterval, "featurestore.materialization.poll-interval");
        ConfigurationChecks.requirePositive(heartbeatInterval, "featurestore.materialization.heartbeat-interval");
        ConfigurationChecks.requirePositive(leaseTimeout, "featurestore.materialization.lease-timeout");
        ConfigurationChecks.requirePositive(maxAttempts, "featurestore.materialization.max-attempts");
        ConfigurationChecks.requirePositive(writeBatchSize, "featurestore.materialization.write-batch-size");
        ConfigurationChecks.requirePositive(writesInFlight, "featurestore.materialization.writes-in-flight");
        ConfigurationChecks.requirePositive(writeTimeout, "featurestore.materialization.write-timeout");
        ConfigurationChecks.requirePositive(runRetention, "featurestore.materialization.run-retention");
        ConfigurationChecks.requirePositive(skewCheckSampleSize, "featurestore.materialization.skew-check-sample-size");
        ConfigurationChecks.requirePositive(skewCheckTimeout, "featurestore.materialization.skew-check-timeout");
        ConfigurationChecks.requirePositive(streamRefreshInterval, "featurestore.materialization.stream-refresh-interval");
        ConfigurationChecks.requirePositive(streamMaxPollRecords, "featurestore.materialization.stream-max-poll-records");
        ConfigurationChecks.requirePositive(streamReportInterval, "featurestore.materialization.stream-report-interval");
        ConfigurationChecks.requireUri(historicalUrl, "featurestore.materialization.historical-url", "http", "https");
        if (expiryRetention != null && expiryRetention.isNegative()) {
            throw new IllegalArgumentException("featurestore.materialization.expiry-retention must not be negative, got %s".formatted(expiryRetention));
        }
        if (leaseTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("featurestore.materialization.lease-timeout (%s) must be at least twice the heartbeat-interval (%s)"
                    .formatted(leaseTimeout, heartbeatInterval));
        }
    }
}
