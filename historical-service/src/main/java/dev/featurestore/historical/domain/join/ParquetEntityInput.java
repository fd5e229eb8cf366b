package dev.featurestore.historical.domain.join;

import static java.util.Objects.requireNonNull;

import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Entity rows in Parquet: one object, or every object under a prefix in key order, each in file order.
 *
 * @param schema the columns (as the first object has them)
 */
public record ParquetEntityInput(ParquetScanner scanner, StorageUri uri, RowSchema schema, int batchSize) implements EntityInput {
    public ParquetEntityInput {
        requireNonNull(scanner, "scanner is null");
        requireNonNull(uri, "uri is null");
        requireNonNull(schema, "schema is null");
    }

    @Override
    public void read(Consumer<ColumnBatch> sink) {
        // One object after the other on this thread, so the order is the same on every read.
        scanner.scanBatches(ScanRequest.of(uri).withColumns(schema.names().toArray(String[]::new)), batchSize, Runnable::run, object -> sink);
    }

    @Override
    public Optional<long[]> timestampRange(String column) {
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        scanner.scanBatches(ScanRequest.of(uri).withColumns(column), batchSize, Runnable::run,
                object -> batch -> EntityInput.accumulate(batch.vector(column), range));
        return range[0] > range[1] ? Optional.empty() : Optional.of(range);
    }

    @Override
    public String description() {
        return uri.toString();
    }
}
