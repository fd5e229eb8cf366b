package dev.featurestore.historical.domain.join;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.ColumnVector.Storage;

/** Copies values between vectors of compatible types. */
final class Values {
    private Values() {
    }

    /**
     * Whether a file column of type {@code found} can feed a feature declared {@code declared}: the same type,
     * a wider or narrower integer, a wider or narrower float, or an integer read as a float.
     */
    static boolean compatible(ValueType found, ValueType declared) {
        if (found == declared) {
            return true;
        }
        boolean foundInteger = found == ValueType.INT32 || found == ValueType.INT64;
        boolean foundFloat = found == ValueType.FLOAT32 || found == ValueType.FLOAT64;
        boolean declaredInteger = declared == ValueType.INT32 || declared == ValueType.INT64;
        boolean declaredFloat = declared == ValueType.FLOAT32 || declared == ValueType.FLOAT64;
        return (foundInteger && (declaredInteger || declaredFloat)) || (foundFloat && declaredFloat);
    }

    /** Appends {@code from[row]} to {@code to}, converting to the builder's type ({@link #compatible} types only). */
    static void copy(ColumnVector from, int row, ColumnVector.Builder to, Storage target) {
        if (from.isNull(row)) {
            to.appendNull();
            return;
        }
        Storage source = ColumnVector.storage(from.type());
        switch (target) {
            case LONG -> to.appendLong(from.getLong(row));
            case DOUBLE -> to.appendDouble(source == Storage.LONG ? (double) from.getLong(row) : from.getDouble(row));
            case OBJECT -> to.append(from.get(row));
        }
    }
}
