package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The values of one column for the rows of a {@link ColumnBatch}, in primitive arrays where the type
 * allows: BOOL (0 or 1), INT32, INT64 and UNIX_TIMESTAMP (microseconds since the epoch, UTC) in a
 * {@code long[]}, FLOAT32 and FLOAT64 in a {@code double[]}, STRING ({@link String}), BYTES
 * ({@code byte[]}) and the list types ({@link List}) in an {@code Object[]}. Immutable once built.
 */
public final class ColumnVector {
    private final Column column;
    private final int size;
    private final long[] longs;
    private final double[] doubles;
    private final Object[] objects;
    private final boolean[] nulls;

    private ColumnVector(Column column, int size, long[] longs, double[] doubles, Object[] objects, boolean[] nulls) {
        this.column = column;
        this.size = size;
        this.longs = longs;
        this.doubles = doubles;
        this.objects = objects;
        this.nulls = nulls;
    }

    public static Builder builder(Column column, int expectedSize) {
        return new Builder(column, expectedSize);
    }

    /**
     * A vector over arrays the caller hands over (and no longer touches): {@code size} rows, the array of
     * the type's {@link Storage} at least that long, the others null; {@code nulls} null when no row is null.
     */
    static ColumnVector wrap(Column column, int size, long[] longs, double[] doubles, Object[] objects, boolean[] nulls) {
        requireNonNull(column, "column is null");
        int length = switch (storage(column.type())) {
            case LONG -> longs.length;
            case DOUBLE -> doubles.length;
            case OBJECT -> objects.length;
        };
        if (size < 0 || size > length || (nulls != null && nulls.length < size)) {
            throw new IllegalArgumentException("%d rows in arrays of %d values for column %s".formatted(size, length, column));
        }
        return new ColumnVector(column, size, longs, doubles, objects, nulls);
    }

    /** A vector of {@code size} nulls. */
    static ColumnVector allNull(Column column, int size) {
        boolean[] nulls = new boolean[size];
        Arrays.fill(nulls, true);
        return switch (storage(column.type())) {
            case LONG -> new ColumnVector(column, size, new long[size], null, null, nulls);
            case DOUBLE -> new ColumnVector(column, size, null, new double[size], null, nulls);
            case OBJECT -> new ColumnVector(column, size, null, null, new Object[size], nulls);
        };
    }

    /** The rows {@code rows[0 .. count - 1]} (ascending) of this vector, in a new vector. */
    ColumnVector select(int[] rows, int count) {
        long[] selectedLongs = longs == null ? null : new long[count];
        double[] selectedDoubles = doubles == null ? null : new double[count];
        Object[] selectedObjects = objects == null ? null : new Object[count];
        boolean[] selectedNulls = nulls == null ? null : new boolean[count];
        for (int index = 0; index < count; index++) {
            int row = rows[index];
            if (selectedLongs != null) {
                selectedLongs[index] = longs[row];
            } else if (selectedDoubles != null) {
                selectedDoubles[index] = doubles[row];
            } else {
                selectedObjects[index] = objects[row];
            }
            if (selectedNulls != null) {
                selectedNulls[index] = nulls[row];
            }
        }
        return new ColumnVector(column, count, selectedLongs, selectedDoubles, selectedObjects, selectedNulls);
    }

    /** Rows {@code [from, from + count)} of this vector, in a new vector (copied, not shared). */
    public ColumnVector slice(int from, int count) {
        if (from < 0 || count < 0 || from + count > size) {
            throw new IndexOutOfBoundsException("rows %d to %d of a vector of %d rows".formatted(from, from + count - 1, size));
        }
        return new ColumnVector(column, count,
                longs == null ? null : Arrays.copyOfRange(longs, from, from + count),
                doubles == null ? null : Arrays.copyOfRange(doubles, from, from + count),
                objects == null ? null : Arrays.copyOfRange(objects, from, from + count),
                nulls == null ? null : Arrays.copyOfRange(nulls, from, from + count));
    }

    /**
     * A vector of {@code count} rows picked from {@code sources}: row {@code i} is row {@code rows[i]} of
     * {@code sources.get(vectors[i])}, or null where {@code vectors[i]} is negative. Every source must hold
     * values of {@code column}'s type. One pass per vector over plain arrays, so that the reads of many rows
     * are in flight at once: much faster than appending value by value when the picked rows are scattered.
     */
    public static ColumnVector gather(Column column, List<ColumnVector> sources, int[] vectors, int[] rows, int count) {
        requireNonNull(column, "column is null");
        Storage storage = storage(column.type());
        ColumnVector[] from = sources.toArray(ColumnVector[]::new);
        boolean[][] sourceNulls = new boolean[from.length][];
        for (int index = 0; index < from.length; index++) {
            if (from[index].type() != column.type()) {
                throw new IllegalArgumentException("cannot gather %s values of column '%s' from a %s vector".formatted(column.type(), column.name(), from[index].type()));
            }
            sourceNulls[index] = from[index].nulls;
        }
        boolean[] nulls = null;
        for (int row = 0; row < count; row++) {
            int vector = vectors[row];
            if (vector < 0 || (sourceNulls[vector] != null && sourceNulls[vector][rows[row]])) {
                if (nulls == null) {
                    nulls = new boolean[count];
                }
                nulls[row] = true;
            }
        }
        long[] longs = null;
        double[] doubles = null;
        Object[] objects = null;
        switch (storage) {
            case LONG -> {
                long[][] values = new long[from.length][];
                for (int index = 0; index < from.length; index++) {
                    values[index] = from[index].longs;
                }
                longs = new long[count];
                for (int row = 0; row < count; row++) {
                    int vector = vectors[row];
                    longs[row] = vector < 0 ? 0 : values[vector][rows[row]];
                }
            }
            case DOUBLE -> {
                double[][] values = new double[from.length][];
                for (int index = 0; index < from.length; index++) {
                    values[index] = from[index].doubles;
                }
                doubles = new double[count];
                for (int row = 0; row < count; row++) {
                    int vector = vectors[row];
                    doubles[row] = vector < 0 ? 0 : values[vector][rows[row]];
                }
            }
            case OBJECT -> {
                objects = new Object[count];
                for (int row = 0; row < count; row++) {
                    int vector = vectors[row];
                    objects[row] = vector < 0 ? null : from[vector].objects[rows[row]];
                }
            }
        }
        return new ColumnVector(column, count, longs, doubles, objects, nulls);
    }

    /** How a value of {@code type} is held. */
    public static Storage storage(ValueType type) {
        return switch (type) {
            case BOOL, INT32, INT64, UNIX_TIMESTAMP -> Storage.LONG;
            case FLOAT32, FLOAT64 -> Storage.DOUBLE;
            case STRING, BYTES, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST,
                 UNIX_TIMESTAMP_LIST -> Storage.OBJECT;
        };
    }

    public Column column() {
        return column;
    }

    public ValueType type() {
        return column.type();
    }

    public int size() {
        return size;
    }

    public boolean isNull(int row) {
        checkIndex(row);
        return nulls != null && nulls[row];
    }

    public boolean hasNulls() {
        if (nulls == null) {
            return false;
        }
        for (int row = 0; row < size; row++) {
            if (nulls[row]) {
                return true;
            }
        }
        return false;
    }

    /** The value of a BOOL (0 or 1), INT32, INT64 or UNIX_TIMESTAMP (epoch microseconds) column; 0 when null. */
    public long getLong(int row) {
        checkIndex(row);
        if (longs == null) {
            throw new IllegalStateException("column '%s' of type %s holds no long values".formatted(column.name(), column.type()));
        }
        return longs[row];
    }

    /** The value of a FLOAT32 or FLOAT64 column; 0 when null. */
    public double getDouble(int row) {
        checkIndex(row);
        if (doubles == null) {
            throw new IllegalStateException("column '%s' of type %s holds no double values".formatted(column.name(), column.type()));
        }
        return doubles[row];
    }

    /** The value as {@link Row} holds it ({@link Row#javaType(ValueType)}), or {@code null}. */
    public Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        return switch (column.type()) {
            case BOOL -> longs[row] != 0;
            case INT32 -> (int) longs[row];
            case INT64 -> longs[row];
            case UNIX_TIMESTAMP -> Timestamps.fromMicros(longs[row]);
            case FLOAT32 -> (float) doubles[row];
            case FLOAT64 -> doubles[row];
            case STRING, BYTES, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST,
                 UNIX_TIMESTAMP_LIST -> objects[row];
        };
    }

    private void checkIndex(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row %d of a vector of %d rows".formatted(row, size));
        }
    }

    @Override
    public String toString() {
        return "ColumnVector[%s %s, %d rows]".formatted(column.name(), column.type(), size);
    }

    /** How values are held. */
    public enum Storage {
        LONG, DOUBLE, OBJECT
    }

    /** Appends values one row at a time; not thread-safe. */
    public static final class Builder {
        private final Column column;
        private final Storage storage;
        private int size;
        private long[] longs;
        private double[] doubles;
        private Object[] objects;
        private boolean[] nulls;

        private Builder(Column column, int expectedSize) {
            this.column = requireNonNull(column, "column is null");
            this.storage = storage(column.type());
            int capacity = Math.max(expectedSize, 16);
            switch (storage) {
                case LONG -> longs = new long[capacity];
                case DOUBLE -> doubles = new double[capacity];
                case OBJECT -> objects = new Object[capacity];
            }
        }

        public int size() {
            return size;
        }

        public Builder appendLong(long value) {
            if (storage != Storage.LONG) {
                throw wrongStorage("long");
            }
            ensureCapacity();
            longs[size++] = value;
            return this;
        }

        public Builder appendDouble(double value) {
            if (storage != Storage.DOUBLE) {
                throw wrongStorage("double");
            }
            ensureCapacity();
            doubles[size++] = value;
            return this;
        }

        public Builder appendNull() {
            ensureCapacity();
            if (nulls == null) {
                nulls = new boolean[capacity()];
            }
            nulls[size++] = true;
            return this;
        }

        /** Appends a value given as {@link Row} holds it, or {@code null}. */
        public Builder append(Object value) {
            if (value == null) {
                return appendNull();
            }
            Class<?> expected = Row.javaType(column.type());
            if (!expected.isInstance(value)) {
                throw new IllegalArgumentException("column '%s' of type %s takes %s, not %s"
                        .formatted(column.name(), column.type(), expected.getSimpleName(), value.getClass().getSimpleName()));
            }
            return switch (column.type()) {
                case BOOL -> appendLong((Boolean) value ? 1 : 0);
                case INT32 -> appendLong((Integer) value);
                case INT64 -> appendLong((Long) value);
                case UNIX_TIMESTAMP -> appendLong(Timestamps.toMicros((Instant) value));
                case FLOAT32 -> appendDouble((Float) value);
                case FLOAT64 -> appendDouble((Double) value);
                case STRING, BYTES, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST,
                     UNIX_TIMESTAMP_LIST -> appendObject(value);
            };
        }

        private Builder appendObject(Object value) {
            ensureCapacity();
            objects[size++] = value;
            return this;
        }

        public ColumnVector build() {
            return new ColumnVector(column, size, longs, doubles, objects, nulls);
        }

        private int capacity() {
            return switch (storage) {
                case LONG -> longs.length;
                case DOUBLE -> doubles.length;
                case OBJECT -> objects.length;
            };
        }

        private void ensureCapacity() {
            int capacity = capacity();
            if (size < capacity) {
                return;
            }
            int grown = Math.max(capacity * 2, 16);
            switch (storage) {
                case LONG -> longs = Arrays.copyOf(longs, grown);
                case DOUBLE -> doubles = Arrays.copyOf(doubles, grown);
                case OBJECT -> objects = Arrays.copyOf(objects, grown);
            }
            if (nulls != null) {
                nulls = Arrays.copyOf(nulls, grown);
            }
        }

        private IllegalStateException wrongStorage(String kind) {
            return new IllegalStateException("column '%s' of type %s takes no %s values".formatted(column.name(), column.type(), kind));
        }
    }
}
