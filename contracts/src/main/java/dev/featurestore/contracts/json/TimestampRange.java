package dev.featurestore.contracts.json;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one range of timestamps every service accepts on writes (pushed rows, materialization windows, entity rows of
 * a training set): nothing before {@link #EARLIEST} (1900-01-01T00:00:00Z), nothing more than {@code maxFutureSkew}
 * after now. A value dated far in the future would otherwise win every later newer-wins comparison, and a watermark
 * moved there would hide every later row.
 *
 * @param maxFutureSkew how far after now a timestamp may be (clocks of writers differ a little)
 */
public record TimestampRange(Duration maxFutureSkew) {
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(1);

    public TimestampRange {
        requireNonNull(maxFutureSkew, "maxFutureSkew is null");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative: " + maxFutureSkew);
        }
    }

    /** The latest timestamp accepted at {@code now}. */
    public Instant latest(Instant now) {
        return now.plus(maxFutureSkew);
    }

    /**
     * What is wrong with {@code timestamp} written at {@code now}, if anything.
     *
     * @return e.g. {@code "+99999-01-01T00:00:00Z is more than PT1H after now (latest accepted: 2026-12-07T15:00:00Z)"}
     */
    public Optional<String> problem(Instant timestamp, Instant now) {
        requireNonNull(timestamp, "timestamp is null");
        if (timestamp.isBefore(EARLIEST)) {
            return Optional.of("%s is before %s, the earliest timestamp accepted".formatted(timestamp, EARLIEST));
        }
        Instant latest = latest(now);
        if (timestamp.isAfter(latest)) {
            return Optional.of("%s is more than %s after now (latest accepted: %s)".formatted(timestamp, maxFutureSkew, latest));
        }
        return Optional.empty();
    }

    /**
     * Reads a timestamp as JSON gives it ({@link JsonTimestamps}: RFC 3339, ISO 8601 without an offset as UTC, or epoch
     * milliseconds) and checks it is in range at {@code now}.
     *
     * @throws IllegalArgumentException saying what is wrong (for a message naming the field)
     */
    public Instant parse(Object value, Instant now) {
        Instant timestamp = JsonTimestamps.parse(requireNonNull(value, "value is null"));
        Optional<String> problem = problem(timestamp, now);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return timestamp;
    }
}
