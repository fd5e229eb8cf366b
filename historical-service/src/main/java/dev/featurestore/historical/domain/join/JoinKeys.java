package dev.featurestore.historical.domain.join;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.ColumnVector.Storage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The join key of rows, read the same way from entity rows and source files so that equal keys compare and
 * hash equal: a single integer key as a {@code long} (no boxing), any other key as an object (integers as
 * {@link Long}, strings as {@link String}, bytes as {@link ByteBuffer}, several keys as a {@link List}).
 */
final class JoinKeys {
    private final boolean longMode;
    private final ColumnVector[] vectors;
    private final ColumnVector first;
    private final boolean mayBeNull;

    private JoinKeys(boolean longMode, List<ColumnVector> vectors) {
        this.longMode = longMode;
        this.vectors = vectors.toArray(ColumnVector[]::new);
        this.first = this.vectors[0];
        this.mayBeNull = vectors.stream().anyMatch(ColumnVector::hasNulls);
    }

    /** Whether keys of these declared types are read as a {@code long}. */
    static boolean longMode(List<KeyColumn> keys) {
        return keys.size() == 1 && (keys.get(0).type() == ValueType.INT32 || keys.get(0).type() == ValueType.INT64);
    }

    static JoinKeys of(ColumnBatch batch, List<String> columns, boolean longMode) {
        List<ColumnVector> vectors = new ArrayList<>(columns.size());
        columns.forEach(column -> vectors.add(batch.vector(column)));
        return new JoinKeys(longMode, vectors);
    }

    boolean longMode() {
        return longMode;
    }

    /** A row with a null key part matches nothing. */
    boolean isNull(int row) {
        if (!mayBeNull) {
            return false;
        }
        for (ColumnVector vector : vectors) {
            if (vector.isNull(row)) {
                return true;
            }
        }
        return false;
    }

    long longKey(int row) {
        return first.getLong(row);
    }

    Object objectKey(int row) {
        if (vectors.length == 1) {
            return part(first, row);
        }
        Object[] parts = new Object[vectors.length];
        for (int index = 0; index < parts.length; index++) {
            parts[index] = part(vectors[index], row);
        }
        return List.of(parts);
    }

    /** The partition of a non-null key among {@code partitions}. */
    int partition(int row, int partitions) {
        long hash = longMode ? LongIntHashMap.mix(longKey(row)) : LongIntHashMap.mix(objectKey(row).hashCode());
        return (int) ((hash >>> 1) % partitions);
    }

    static int partitionOf(long key, int partitions) {
        return (int) ((LongIntHashMap.mix(key) >>> 1) % partitions);
    }

    static int partitionOf(Object key, int partitions) {
        return (int) ((LongIntHashMap.mix(key.hashCode()) >>> 1) % partitions);
    }

    private static Object part(ColumnVector vector, int row) {
        Storage storage = ColumnVector.storage(vector.type());
        return switch (storage) {
            case LONG -> vector.getLong(row);
            case DOUBLE -> vector.getDouble(row);
            case OBJECT -> {
                Object value = vector.get(row);
                yield value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
            }
        };
    }
}
