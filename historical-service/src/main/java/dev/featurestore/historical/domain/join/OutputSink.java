package dev.featurestore.historical.domain.join;

import dev.featurestore.offlinestore.ColumnBatch;

/** Receives the result, in entity-row order, one batch after the other, on one thread. */
public interface OutputSink {
    void accept(ColumnBatch batch);
}
