package dev.featurestore.historical.domain.join;

import dev.featurestore.offlinestore.ColumnVector;
import java.util.List;

/** The values of a view joined in one piece: one vector per feature, indexed by entity row. */
final class InMemoryViewResult implements ViewResult {
    private final List<ColumnVector> features;

    InMemoryViewResult(List<ColumnVector> features) {
        this.features = List.copyOf(features);
    }

    @Override
    public List<ColumnVector> values(long firstRow, int count) {
        int from = Math.toIntExact(firstRow);
        return features.stream().map(vector -> vector.slice(from, count)).toList();
    }

    @Override
    public void close() {
    }
}
