package dev.featurestore.onlinestore;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * When Redis drops a record (docs/online-record-format.md, "Expiry"): at event time + ttl + retention, so that for {@code retention} after a
 * value passes its ttl a read can still answer {@code OUTSIDE_MAX_AGE} rather than {@code NOT_FOUND}; a ttl of
 * zero never expires.
 */
public final class OnlineExpiry {
    private OnlineExpiry() {
    }

    /**
     * The expiry of a record.
     *
     * @param eventTimestamp the record's event timestamp
     * @param ttl the view's ttl; zero for no limit
     * @param retention how long past its ttl the record stays, or null for the default (the ttl itself)
     * @return the instant, or null for never
     */
    public static Instant expireAt(Instant eventTimestamp, Duration ttl, Duration retention) {
        requireNonNull(eventTimestamp, "eventTimestamp is null");
        requireNonNull(ttl, "ttl is null");
        if (ttl.isZero()) {
            return null;
        }
        if (ttl.isNegative() || (retention != null && retention.isNegative())) {
            throw new IllegalArgumentException("ttl %s and retention %s must not be negative".formatted(ttl, retention));
        }
        return eventTimestamp.plus(ttl).plus(retention == null ? ttl : retention);
    }
}
