package dev.featurestore.historical.domain.join;

import java.util.Arrays;

/** A growable {@code int[]}. */
final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(capacity, 16)];
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    int get(int index) {
        return values[index];
    }

    int size() {
        return size;
    }

    /** The backing array (at least {@link #size()} long); no copy. */
    int[] array() {
        return values;
    }
}
