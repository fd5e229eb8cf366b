package dev.featurestore.historical.domain.join;

import java.util.Arrays;

/**
 * An open-addressing map from long to non-negative int, for join keys without boxing: key and value side by
 * side in one array (one cache line per probe). Once filled, {@link #freeze} switches dense keys (a span
 * at most a few times the number of keys, as auto-increment ids are) to a direct-address table. Not
 * thread-safe for writes; reads are safe once writes are done.
 */
final class LongIntHashMap {
    private static final int EMPTY = -1;
    private static final int DENSE_SPAN_FACTOR = 8;
    private static final long DENSE_SPAN_LIMIT = 1L << 26;

    // Slot i: table[2i] the key, table[2i + 1] the value + 1 (0 for an empty slot).
    private long[] table;
    private int mask;
    private int size;
    private long minimum = Long.MAX_VALUE;
    private long maximum = Long.MIN_VALUE;
    private int[] dense;

    LongIntHashMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
        allocate(capacity);
    }

    int size() {
        return size;
    }

    /** The value for {@code key}, or -1. */
    int get(long key) {
        if (dense != null) {
            long offset = key - minimum;
            return offset < 0 || offset >= dense.length ? EMPTY : dense[(int) offset];
        }
        int slot = slot(key);
        while (true) {
            long stored = table[2 * slot + 1];
            if (stored == 0) {
                return EMPTY;
            }
            if (table[2 * slot] == key) {
                return (int) stored - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The value for {@code key}, putting {@code valueIfAbsent} first when there is none. */
    int putIfAbsent(long key, int valueIfAbsent) {
        if (dense != null) {
            throw new IllegalStateException("the map is frozen");
        }
        int slot = slot(key);
        while (true) {
            long stored = table[2 * slot + 1];
            if (stored == 0) {
                break;
            }
            if (table[2 * slot] == key) {
                return (int) stored - 1;
            }
            slot = (slot + 1) & mask;
        }
        table[2 * slot] = key;
        table[2 * slot + 1] = valueIfAbsent + 1L;
        minimum = Math.min(minimum, key);
        maximum = Math.max(maximum, key);
        if (++size * 2 > table.length / 2) {
            grow();
        }
        return valueIfAbsent;
    }

    /** Ends writes; dense keys get a direct-address table. */
    void freeze() {
        if (size == 0 || dense != null) {
            return;
        }
        long span = maximum - minimum + 1;
        if (span <= 0 || span > DENSE_SPAN_LIMIT || span > (long) size * DENSE_SPAN_FACTOR) {
            return;
        }
        int[] direct = new int[(int) span];
        Arrays.fill(direct, EMPTY);
        for (int slot = 0; slot < table.length / 2; slot++) {
            long stored = table[2 * slot + 1];
            if (stored != 0) {
                direct[(int) (table[2 * slot] - minimum)] = (int) stored - 1;
            }
        }
        dense = direct;
        table = null;
    }

    static long mix(long key) {
        long hash = key * 0x9E3779B97F4A7C15L;
        return hash ^ (hash >>> 32);
    }

    private int slot(long key) {
        return (int) mix(key) & mask;
    }

    private void grow() {
        long[] old = table;
        allocate(table.length);
        for (int slot = 0; slot < old.length / 2; slot++) {
            long stored = old[2 * slot + 1];
            if (stored != 0) {
                int target = slot(old[2 * slot]);
                while (table[2 * target + 1] != 0) {
                    target = (target + 1) & mask;
                }
                table[2 * target] = old[2 * slot];
                table[2 * target + 1] = stored;
            }
        }
    }

    /** An empty table of {@code slots} slots (a power of two), two longs each. */
    private void allocate(int slots) {
        table = new long[slots * 2];
        mask = slots - 1;
    }
}
