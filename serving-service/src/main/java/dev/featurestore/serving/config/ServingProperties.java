package dev.featurestore.serving.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code featurestore.serving.*}, checked at start-up.
 *
 * @param defaultProject project of a request that names none (no /projects/{project}/ prefix, ?project= or X-Feature-Project)
 * @param maxEntityRows most entity rows one /get-online-features request may ask for
 * @param redisCluster whether {@code featurestore.redis.uri} is a seed node of a Redis Cluster
 * @param redisTimeout a read of the online store that takes longer answers 503
 * @param maxPushRows most rows one /push or /write-to-online-store may carry
 * @param pushTimeout writes to the online store (a push's, a write-to-online-store's) that take longer answer 503
 * @param expiryRetention how long past its ttl an online record stays in Redis (so reads can answer
 *     OUTSIDE_MAX_AGE rather than NOT_FOUND); absent: the view's ttl
 * @param maxInFlight online store calls (one per request) at once; more are shed with 503 (bulkhead)
 * @param circuitBreakerFailureRate percent of failed or timed-out online store calls, over the last
 *     {@code circuitBreakerWindow} calls, that opens the circuit: calls then answer 503 at once
 * @param circuitBreakerWindow calls the failure rate is computed over (at least this many are needed)
 * @param circuitBreakerOpenFor how long the circuit stays open before a few trial calls may close it
 */
@Context
@ConfigurationProperties("featurestore.serving")
public record ServingProperties(
        @Bindable(defaultValue = "default") String defaultProject,
        @Bindable(defaultValue = "1000") int maxEntityRows,
        @Bindable(defaultValue = "false") boolean redisCluster,
        @Bindable(defaultValue = "500ms") Duration redisTimeout,
        @Bindable(defaultValue = "10000") int maxPushRows,
        @Bindable(defaultValue = "5s") Duration pushTimeout,
        @Nullable Duration expiryRetention,
        @Bindable(defaultValue = "256") int maxInFlight,
        @Bindable(defaultValue = "50") int circuitBreakerFailureRate,
        @Bindable(defaultValue = "20") int circuitBreakerWindow,
        @Bindable(defaultValue = "5s") Duration circuitBreakerOpenFor) {

    public ServingProperties {
        ConfigurationChecks.requireText(defaultProject, "featurestore.serving.default-project");
        ConfigurationChecks.requirePositive(maxEntityRows, "featurestore.serving.max-entity-rows");
        ConfigurationChecks.requirePositive(redisTimeout, "featurestore.serving.redis-timeout");
        ConfigurationChecks.requirePositive(maxPushRows, "featurestore.serving.max-push-rows");
        ConfigurationChecks.requirePositive(pushTimeout, "featurestore.serving.push-timeout");
        ConfigurationChecks.requirePositive(maxInFlight, "featurestore.serving.max-in-flight");
        ConfigurationChecks.requirePositive(circuitBreakerWindow, "featurestore.serving.circuit-breaker-window");
        ConfigurationChecks.requirePositive(circuitBreakerOpenFor, "featurestore.serving.circuit-breaker-open-for");
        if (circuitBreakerFailureRate < 1 || circuitBreakerFailureRate > 100) {
            throw new IllegalArgumentException("featurestore.serving.circuit-breaker-failure-rate must be 1 to 100: " + circuitBreakerFailureRate);
        }
        if (expiryRetention != null && expiryRetention.isNegative()) {
            throw new IllegalArgumentException("featurestore.serving.expiry-retention must not be negative: " + expiryRetention);
        }
    }
}
