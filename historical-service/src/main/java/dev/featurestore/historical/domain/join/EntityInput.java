package dev.featurestore.historical.domain.join;

import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.RowSchema;
import java.util.function.Consumer;

/** The entity rows of a request; read once to plan and join, and once more to write the result in order. */
public interface EntityInput {
    RowSchema schema();

    /** Delivers every row, always in the same order (the order of the result), in batches. */
    void read(Consumer<ColumnBatch> sink);

    /** Where the rows come from, for messages. */
    String description();
}
