package dev.featurestore.historical.domain.join;

import dev.featurestore.offlinestore.ColumnVector;
import java.util.List;

/** A joined view's values, read in entity-row order: {@link #values} is called for rows 0, 1, 2, ... in turn. */
interface ViewResult extends AutoCloseable {
    /** The view's feature values for entity rows {@code [firstRow, firstRow + count)}: one vector per feature. */
    List<ColumnVector> values(long firstRow, int count);

    @Override
    void close();
}
