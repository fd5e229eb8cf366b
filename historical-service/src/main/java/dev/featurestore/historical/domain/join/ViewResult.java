package dev.featurestore.historical.domain.join;

import dev.featurestore.offlinestore.ColumnVector;
import java.util.List;

/** A joined view's values, read in entity-row order: {@link #append} is called for rows 0, 1, 2, ... in turn. */
interface ViewResult extends AutoCloseable {
    /** Appends the view's feature values for entity rows {@code [firstRow, firstRow + count)} to one builder per feature. */
    void append(long firstRow, int count, List<ColumnVector.Builder> builders);

    @Override
    void close();
}
