package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of one schema to one Parquet object through an {@link ObjectStore}, without Hadoop at run
 * time, from {@link ColumnBatch}es (the fast path: values go from the vectors' arrays to the column
 * encoders) or {@link Row}s (gathered into batches of {@value #ROWS_PER_BATCH}). The object appears on
 * {@link #commit()}; closing without a commit (after an exception) aborts and leaves no object:
 *
 * <pre>{@code
 * try (ParquetRowWriter writer = ParquetRowWriter.create(store, uri, schema, ParquetWriteOptions.DEFAULTS)) {
 *     rows.forEach(writer::write);
 *     writer.commit();
 * }
 * }</pre>
 */
public final class ParquetRowWriter implements AutoCloseable {
    static final int ROWS_PER_BATCH = 1_024;

    private final StorageUri uri;
    private final RowSchema schema;
    private final List<ValueType> columnTypes;
    private final ObjectWriter objectWriter;
    private final ParquetBatchWriter batchWriter;
    private final List<Row> pendingRows = new ArrayList<>();
    private long rows;
    private boolean finished;

    private ParquetRowWriter(StorageUri uri, RowSchema schema, ObjectWriter objectWriter, ParquetBatchWriter batchWriter) {
        this.uri = uri;
        this.schema = schema;
        this.columnTypes = columnTypes(schema);
        this.objectWriter = objectWriter;
        this.batchWriter = batchWriter;
    }

    public static ParquetRowWriter create(ObjectStore store, StorageUri uri, RowSchema schema, ParquetWriteOptions options) {
        requireNonNull(store, "store is null");
        requireNonNull(uri, "uri is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(options, "options is null");
        MessageType parquetSchema = ParquetTypes.toParquet(schema);
        ObjectWriter objectWriter = store.create(uri);
        try {
            ParquetBatchWriter batchWriter = new ParquetBatchWriter(new ObjectOutputFile(uri, objectWriter), parquetSchema, options);
            return new ParquetRowWriter(uri, schema, objectWriter, batchWriter);
        } catch (IOException | RuntimeException e) {
            closeQuietly(objectWriter, e);
            throw new OfflineStoreException("cannot start writing %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    /** Writes every row and commits: the object exists with all rows, or not at all. */
    public static long writeAll(ObjectStore store, StorageUri uri, RowSchema schema, Iterable<Row> rows, ParquetWriteOptions options) {
        try (ParquetRowWriter writer = create(store, uri, schema, options)) {
            for (Row row : rows) {
                writer.write(row);
            }
            return writer.commit();
        }
    }

    /** Writes one row; rows are encoded {@value #ROWS_PER_BATCH} at a time, and the rest on {@link #commit()}. */
    public void write(Row row) {
        requireNonNull(row, "row is null");
        checkOpen();
        if (!row.schema().equals(schema)) {
            throw new IllegalArgumentException("row %d for %s has columns %s, the writer %s".formatted(rows + pendingRows.size(), uri, row.schema().columns(), schema.columns()));
        }
        pendingRows.add(row);
        if (pendingRows.size() == ROWS_PER_BATCH) {
            writePendingRows();
        }
    }

    /**
     * Writes the batch's rows after those written before. Its vectors must have the writer's column types in
     * order; the columns keep the writer's names whatever the batch calls them.
     */
    public void write(ColumnBatch batch) {
        requireNonNull(batch, "batch is null");
        checkOpen();
        if (!columnTypes(batch.schema()).equals(columnTypes)) {
            throw new IllegalArgumentException("batch at row %d for %s has columns %s, the writer %s"
                    .formatted(rows + pendingRows.size(), uri, batch.schema().columns(), schema.columns()));
        }
        writePendingRows();
        encode(batch);
    }

    private void writePendingRows() {
        if (pendingRows.isEmpty()) {
            return;
        }
        ColumnBatch batch = ColumnBatch.of(schema, pendingRows);
        pendingRows.clear();
        encode(batch);
    }

    private void encode(ColumnBatch batch) {
        try {
            batchWriter.write(batch);
            rows += batch.size();
        } catch (IOException e) {
            throw new OfflineStoreException("cannot write rows %d to %d to %s: %s".formatted(rows, rows + batch.size() - 1, uri, e.getMessage()), e);
        }
    }

    private static List<ValueType> columnTypes(RowSchema schema) {
        return schema.columns().stream().map(Column::type).toList();
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("writer of %s already finished".formatted(uri));
        }
    }

    /** Finishes the Parquet file and makes the object visible; returns the number of rows. */
    public long commit() {
        checkOpen();
        writePendingRows();
        finished = true;
        try {
            batchWriter.finish();
            objectWriter.commit();
            return rows;
        } catch (IOException | RuntimeException e) {
            closeQuietly(objectWriter, e);
            throw new OfflineStoreException("cannot finish %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            objectWriter.close();
        } catch (IOException e) {
            throw new OfflineStoreException("cannot abort %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    private static void closeQuietly(ObjectWriter writer, Exception failure) {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
