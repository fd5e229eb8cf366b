package dev.featurestore.historical.domain.join;

import java.util.Arrays;

/** A growable {@code long[]}. */
final class LongList {
    private long[] values;
    private int size;

    LongList(int capacity) {
        values = new long[Math.max(capacity, 16)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    long get(int index) {
        return values[index];
    }

    int size() {
        return size;
    }

    /** The backing array (at least {@link #size()} long); no copy. */
    long[] array() {
        return values;
    }
}
