package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows held column by column: one {@link ColumnVector} per column of the schema, all of {@code size} rows. The
 * schema names the columns: a vector may be placed under another name (a feature output as {@code view__feature}),
 * never under another type.
 */
public record ColumnBatch(RowSchema schema, int size, List<ColumnVector> vectors) {
    public ColumnBatch {
        requireNonNull(schema, "schema is null");
        vectors = List.copyOf(requireNonNull(vectors, "vectors is null"));
        if (vectors.size() != schema.size()) {
            throw new IllegalArgumentException("%d vectors for %d columns %s".formatted(vectors.size(), schema.size(), schema.names()));
        }
        for (int index = 0; index < vectors.size(); index++) {
            ColumnVector vector = vectors.get(index);
            if (vector.type() != schema.column(index).type()) {
                throw new IllegalArgumentException("vector %s at the place of column %s".formatted(vector, schema.column(index)));
            }
            if (vector.size() != size) {
                throw new IllegalArgumentException("vector %s in a batch of %d rows".formatted(vector, size));
            }
        }
    }

    /** The rows as a batch. */
    public static ColumnBatch of(RowSchema schema, List<Row> rows) {
        requireNonNull(schema, "schema is null");
        requireNonNull(rows, "rows is null");
        List<ColumnVector.Builder> builders = new ArrayList<>();
        schema.columns().forEach(column -> builders.add(ColumnVector.builder(column, rows.size())));
        for (Row row : rows) {
            if (!row.schema().equals(schema)) {
                throw new IllegalArgumentException("row of schema %s in a batch of schema %s".formatted(row.schema().names(), schema.names()));
            }
            for (int index = 0; index < builders.size(); index++) {
                builders.get(index).append(row.get(index));
            }
        }
        return new ColumnBatch(schema, rows.size(), builders.stream().map(ColumnVector.Builder::build).toList());
    }

    public ColumnVector vector(int index) {
        return vectors.get(index);
    }

    /** @throws IllegalArgumentException naming the column and the columns there are */
    public ColumnVector vector(String column) {
        return vectors.get(schema.requireIndex(column));
    }

    public Row row(int index) {
        Object[] values = new Object[vectors.size()];
        for (int column = 0; column < values.length; column++) {
            values[column] = vectors.get(column).get(index);
        }
        return Row.of(schema, values);
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(size);
        for (int index = 0; index < size; index++) {
            rows.add(row(index));
        }
        return rows;
    }
}
