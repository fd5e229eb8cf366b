package dev.featurestore.runtime.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;

/**
 * {@code Retry-After} on every 503 problem answer of every service, so that clients that honour it (urllib3's retry,
 * which Feast's Python client uses; Java's resilience libraries) wait rather than hammer a dependency that is down.
 * The value is what the failure knows ({@link FeatureStoreException#retryAfter()}: a database outage says 5 s), else
 * {@link #DEFAULT}, one second: long enough not to retry in a tight loop, short enough that a shed request (a full
 * bulkhead) or a circuit breaker about to try again is not kept waiting.
 */
public final class RetryAfter {
    /** The wait a 503 suggests when its cause does not know better. */
    public static final Duration DEFAULT = Duration.ofSeconds(1);

    private RetryAfter() {
    }

    /**
     * Adds {@code Retry-After} (whole seconds, rounded up, at least 1) to a 503 answer that has none; other answers are
     * left as they are.
     */
    static void onUnavailable(MutableHttpResponse<?> response, Throwable cause) {
        if (response.code() != HttpStatus.SERVICE_UNAVAILABLE.getCode() || response.getHeaders().contains(HttpHeaders.RETRY_AFTER)) {
            return;
        }
        Duration wait = cause instanceof FeatureStoreException exception ? exception.retryAfter().orElse(DEFAULT) : DEFAULT;
        response.header(HttpHeaders.RETRY_AFTER, seconds(wait));
    }

    /** Whole seconds, rounded up, at least 1: {@code Retry-After} has no fractions, and 0 would invite an immediate retry. */
    static String seconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return String.valueOf(Math.max(1, seconds));
    }
}
