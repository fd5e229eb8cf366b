package dev.featurestore.offlinestore;

import java.time.Instant;

/** UNIX_TIMESTAMP values as microseconds since the epoch (UTC), the resolution columns are kept at. */
public final class Timestamps {
    private Timestamps() {
    }

    /** Microseconds since the epoch; sub-microsecond digits are dropped (rounding toward the past). */
    public static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    public static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
