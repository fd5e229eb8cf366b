package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ObjectInfo;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Writes a result as {@code part-00000.parquet}, {@code part-00001.parquet}, ... under a prefix, in the order
 * rows arrive, at most {@code rowsPerFile} rows each. Each part appears whole or not at all (multipart upload
 * completed on commit); {@link #abort} removes the parts already written, so a failed job leaves nothing.
 */
public final class OutputParts implements Consumer<ColumnBatch> {
    private static final Pattern PART = Pattern.compile("part-\\d{5,}\\.parquet");

    private final ObjectStore store;
    private final StorageUri prefix;
    private final RowSchema schema;
    private final long rowsPerFile;
    private final ParquetWriteOptions options;
    private final List<StorageUri> written = new ArrayList<>();
    private ParquetRowWriter current;
    private StorageUri currentUri;
    private long rowsInCurrent;
    private long rows;

    public OutputParts(ObjectStore store, StorageUri prefix, RowSchema schema, long rowsPerFile, ParquetWriteOptions options) {
        this.store = requireNonNull(store, "store is null");
        this.prefix = requireNonNull(prefix, "prefix is null").asPrefix();
        this.schema = requireNonNull(schema, "schema is null");
        this.options = requireNonNull(options, "options is null");
        if (rowsPerFile < 1) {
            throw new IllegalArgumentException("rows per file %d is below 1".formatted(rowsPerFile));
        }
        this.rowsPerFile = rowsPerFile;
    }

    /** Deletes the part files under {@code prefix} (left by an earlier, interrupted attempt). */
    public static int deleteParts(ObjectStore store, StorageUri prefix) {
        int deleted = 0;
        for (ObjectInfo object : store.list(prefix.asPrefix())) {
            String relative = object.uri().key().substring(prefix.asPrefix().key().length());
            if (PART.matcher(relative).matches()) {
                store.delete(object.uri());
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public void accept(ColumnBatch batch) {
        if (batch.size() == 0) {
            return;
        }
        if (current == null) {
            open();
        }
        if (rowsInCurrent + batch.size() <= rowsPerFile) {
            // The common case: the whole batch goes to the current part, column by column.
            current.write(batch);
            rowsInCurrent += batch.size();
            rows += batch.size();
            if (rowsInCurrent == rowsPerFile) {
                commitCurrent();
            }
            return;
        }
        // The batch straddles a part boundary: row by row.
        for (int row = 0; row < batch.size(); row++) {
            if (current == null) {
                open();
            }
            current.write(batch.row(row));
            rowsInCurrent++;
            rows++;
            if (rowsInCurrent == rowsPerFile) {
                commitCurrent();
            }
        }
    }

    /** Commits the last part (an empty first part when there were no rows) and returns every part's URI. */
    public List<StorageUri> finish() {
        if (current != null) {
            commitCurrent();
        }
        if (written.isEmpty()) {
            open();
            commitCurrent();
        }
        return List.copyOf(written);
    }

    public long rows() {
        return rows;
    }

    /** Drops the part being written and deletes those committed. */
    public void abort() {
        if (current != null) {
            current.close();
            current = null;
        }
        written.forEach(store::delete);
        written.clear();
    }

    private void open() {
        currentUri = prefix.resolve("part-%05d.parquet".formatted(written.size()));
        current = ParquetRowWriter.create(store, currentUri, schema, options);
        rowsInCurrent = 0;
    }

    private void commitCurrent() {
        current.commit();
        written.add(currentUri);
        current = null;
    }
}
