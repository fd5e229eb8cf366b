package dev.featurestore.historical.domain.join;

import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.ColumnVector.Storage;
import java.util.List;

/** The values of a view joined in one piece: one vector per feature, indexed by entity row. */
final class InMemoryViewResult implements ViewResult {
    private final List<ColumnVector> features;

    InMemoryViewResult(List<ColumnVector> features) {
        this.features = List.copyOf(features);
    }

    @Override
    public void append(long firstRow, int count, List<ColumnVector.Builder> builders) {
        for (int feature = 0; feature < features.size(); feature++) {
            ColumnVector vector = features.get(feature);
            ColumnVector.Builder builder = builders.get(feature);
            Storage storage = ColumnVector.storage(vector.type());
            for (int row = 0; row < count; row++) {
                Values.copy(vector, Math.toIntExact(firstRow + row), builder, storage);
            }
        }
    }

    @Override
    public void close() {
    }
}
