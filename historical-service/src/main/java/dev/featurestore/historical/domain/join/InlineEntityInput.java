package dev.featurestore.historical.domain.join;

import static java.util.Objects.requireNonNull;

import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.RowSchema;
import java.util.function.Consumer;

/** Entity rows held in memory (rows given inline in a request). */
public record InlineEntityInput(ColumnBatch rows) implements EntityInput {
    public InlineEntityInput {
        requireNonNull(rows, "rows is null");
    }

    @Override
    public RowSchema schema() {
        return rows.schema();
    }

    @Override
    public void read(Consumer<ColumnBatch> sink) {
        sink.accept(rows);
    }

    @Override
    public String description() {
        return "the inline entity rows";
    }
}
