package dev.featurestore.historical.domain.join;

import dev.featurestore.offlinestore.ColumnTypes;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.ColumnVector.Storage;

/** Copies values between vectors of compatible types. */
final class Values {
    private Values() {
    }

    /** Appends {@code from[row]} to {@code to}, converting to the builder's type ({@link ColumnTypes#featureCompatible} types only). */
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
