package dev.featurestore.offlineengine;

import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPartsTest {
    private static final RowSchema SCHEMA = RowSchema.of(column("row", INT64), column("label", STRING));

    @TempDir
    Path directory;

    private final LocalObjectStore store = new LocalObjectStore();

    @Test
    void splitsRowsIntoPartsInOrderWhateverTheBatchBoundaries() {
        OutputParts parts = new OutputParts(store, StorageUri.of(directory.resolve("out")), SCHEMA, 10, ParquetWriteOptions.DEFAULTS);
        List<Row> written = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            List<Row> rows = new ArrayList<>();
            for (int row = 0; row < 7; row++) {
                long number = written.size() + rows.size();
                rows.add(Row.of(SCHEMA, number, number % 3 == 0 ? null : "row " + number));
            }
            parts.accept(ColumnBatch.of(SCHEMA, rows));
            written.addAll(rows);
        }
        parts.accept(ColumnBatch.of(SCHEMA, List.of()));

        List<StorageUri> files = parts.finish();

        assertThat(files).extracting(StorageUri::name)
                .containsExactly("part-00000.parquet", "part-00001.parquet", "part-00002.parquet", "part-00003.parquet");
        List<Row> read = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (StorageUri file : files) {
            List<Row> rows = new ParquetScanner(store).readAll(ScanRequest.of(file));
            sizes.add(rows.size());
            read.addAll(rows);
        }
        assertThat(sizes).containsExactly(10, 10, 10, 5);
        assertThat(read).isEqualTo(written);
        assertThat(parts.rows()).isEqualTo(35);
    }

    @Test
    void noRowsGiveOneEmptyPartAndAbortDeletesWhatWasWritten() {
        OutputParts empty = new OutputParts(store, StorageUri.of(directory.resolve("empty")), SCHEMA, 10, ParquetWriteOptions.DEFAULTS);
        assertThat(empty.finish()).extracting(StorageUri::name).containsExactly("part-00000.parquet");

        OutputParts aborted = new OutputParts(store, StorageUri.of(directory.resolve("aborted")), SCHEMA, 2, ParquetWriteOptions.DEFAULTS);
        aborted.accept(ColumnBatch.of(SCHEMA, List.of(Row.of(SCHEMA, 1L, "a"), Row.of(SCHEMA, 2L, "b"), Row.of(SCHEMA, 3L, "c"))));
        aborted.abort();
        assertThat(store.list(StorageUri.of(directory.resolve("aborted")).asPrefix())).isEmpty();
    }
}
