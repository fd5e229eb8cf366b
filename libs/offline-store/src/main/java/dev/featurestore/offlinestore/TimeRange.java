package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Rows whose timestamp column lies in {@code [from, to]} (both inclusive). */
public record TimeRange(String column, Instant from, Instant to) {
    public TimeRange {
        requireNonNull(column, "column is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("time range of '%s' starts at %s after its end %s".formatted(column, from, to));
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && !instant.isAfter(to);
    }

    public boolean overlaps(Instant min, Instant max) {
        return !max.isBefore(from) && !min.isAfter(to);
    }
}
