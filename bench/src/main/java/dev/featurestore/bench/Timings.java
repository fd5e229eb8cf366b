package dev.featurestore.bench;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/**
 * Durations of one measurement, in nanoseconds, with nearest-rank percentiles.
 *
 * @param name what was measured
 * @param nanos the samples
 */
record Timings(String name, List<Long> nanos) {
    Timings {
        requireNonNull(name, "name is null");
        nanos = List.copyOf(requireNonNull(nanos, "nanos is null"));
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("%s has no samples".formatted(name));
        }
    }

    int count() {
        return nanos.size();
    }

    double minMillis() {
        return percentileMillis(0);
    }

    double medianMillis() {
        return percentileMillis(50);
    }

    double p99Millis() {
        return percentileMillis(99);
    }

    double maxMillis() {
        return percentileMillis(100);
    }

    /** Nearest rank: the smallest sample with at least {@code percent}% of the samples at or below it. */
    double percentileMillis(double percent) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
    }
}
