package dev.featurestore.materialization.config;

import dev.featurestore.contracts.json.TimestampRange;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The bounds on requests of {@code featurestore.materialization.*}, checked at start-up (see docs/limits.md).
 *
 * @param maxFutureSkew how far after now a timestamp written through this service may be; earlier than
 *     1900-01-01T00:00:00Z is never accepted
 */
@Context
@ConfigurationProperties("featurestore.materialization")
public record BoundsProperties(@Bindable(defaultValue = "1h") Duration maxFutureSkew) {
    public BoundsProperties {
        if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("featurestore.materialization.max-future-skew must be a duration of zero or more: " + maxFutureSkew);
        }
    }

    /** The range of timestamps this service accepts on writes. */
    public TimestampRange timestampRange() {
        return new TimestampRange(maxFutureSkew);
    }
}
