package dev.featurestore.historical.domain.join;

import java.util.Arrays;

/** An open-addressing map from long to non-negative int, for join keys without boxing. Not thread-safe for writes. */
final class LongIntHashMap {
    private static final int EMPTY = -1;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    LongIntHashMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
        allocate(capacity);
    }

    int size() {
        return size;
    }

    /** The value for {@code key}, or -1. */
    int get(long key) {
        int slot = slot(key);
        while (values[slot] != EMPTY) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return EMPTY;
    }

    /** The value for {@code key}, putting {@code valueIfAbsent} first when there is none. */
    int putIfAbsent(long key, int valueIfAbsent) {
        int slot = slot(key);
        while (values[slot] != EMPTY) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = valueIfAbsent;
        if (++size * 2 > keys.length) {
            grow();
        }
        return valueIfAbsent;
    }

    long estimatedBytes() {
        return keys.length * 12L;
    }

    private int slot(long key) {
        return (int) mix(key) & mask;
    }

    static long mix(long key) {
        long hash = key * 0x9E3779B97F4A7C15L;
        return hash ^ (hash >>> 32);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(keys.length * 2);
        for (int index = 0; index < oldKeys.length; index++) {
            if (oldValues[index] != EMPTY) {
                int slot = slot(oldKeys[index]);
                while (values[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[index];
                values[slot] = oldValues[index];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, EMPTY);
        mask = capacity - 1;
    }
}
