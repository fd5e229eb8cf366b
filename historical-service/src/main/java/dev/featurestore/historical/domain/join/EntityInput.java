package dev.featurestore.historical.domain.join;

import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.RowSchema;
import java.util.Optional;
import java.util.function.Consumer;

/** The entity rows of a request; read once to plan and join, and once more to write the result in order. */
public interface EntityInput {
    RowSchema schema();

    /** Delivers every row, always in the same order (the order of the result), in batches. */
    void read(Consumer<ColumnBatch> sink);

    /**
     * The smallest and greatest non-null value of a timestamp column, in epoch microseconds; empty when no row
     * has one. Readers that can read one column alone should.
     */
    default Optional<long[]> timestampRange(String column) {
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        read(batch -> accumulate(batch.vector(column), range));
        return range[0] > range[1] ? Optional.empty() : Optional.of(range);
    }

    static void accumulate(ColumnVector timestamps, long[] range) {
        for (int row = 0; row < timestamps.size(); row++) {
            if (!timestamps.isNull(row)) {
                range[0] = Math.min(range[0], timestamps.getLong(row));
                range[1] = Math.max(range[1], timestamps.getLong(row));
            }
        }
    }

    /** Where the rows come from, for messages. */
    String description();
}
