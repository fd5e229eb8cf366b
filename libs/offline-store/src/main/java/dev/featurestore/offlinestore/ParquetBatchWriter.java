package dev.featurestore.offlinestore;

import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Encodes {@link ColumnBatch}es of one schema into a Parquet file straight through parquet-column's
 * {@link ColumnWriter}s, one per column (the element column for a list), from the vectors' arrays: no record
 * per row, no boxing of fixed-width values. The levels follow {@link ParquetTypes}' layout: a top-level value
 * has definition level 1 (0 when null); a list is null (0), empty (1) or elements, each null (2) or a value
 * (3), the first at repetition level 0 and the others at 1. Row groups close at the options' row limit, or
 * once the buffered size nears their byte size, as parquet-hadoop's own writer decides. Rows are encoded in
 * slices, column by column, the columns shared out over {@link ParquetWriteOptions#encodingThreads()} threads.
 * Not thread-safe: one thread calls it.
 */
final class ParquetBatchWriter {
    private static final int MIN_ROWS_FOR_SIZE_CHECK = 100;
    private static final int MAX_ROWS_FOR_SIZE_CHECK = 10_000;
    /** Rows encoded per column before the threads meet (and the records end). */
    private static final int SLICE_ROWS = 4_096;
    /** Below this, a slice is encoded on the writing thread alone: handing it out would cost more than it saves. */
    private static final int MIN_ROWS_PER_PARALLEL_SLICE = 256;

    private final MessageType schema;
    private final ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final ParquetFileWriter fileWriter;
    private final long rowGroupSizeBytes;
    private final int rowGroupRowLimit;
    private final Executor encodingExecutor;
    private final int encodingThreads;
    private ColumnChunkPageWriteStore pageStore;
    private ColumnWriteStore columnStore;
    private ColumnWriter[] writers;
    private long rowGroupRows;
    private long rowsForNextSizeCheck;

    ParquetBatchWriter(OutputFile file, MessageType schema, ParquetWriteOptions options) throws IOException {
        this.schema = schema;
        this.properties = ParquetProperties.builder().build();
        this.compressor = ParquetCodecs.INSTANCE.getCompressor(options.codec());
        this.rowGroupSizeBytes = options.rowGroupSizeBytes();
        this.rowGroupRowLimit = options.rowGroupRowLimit();
        this.encodingExecutor = options.encodingExecutor();
        this.encodingThreads = Math.min(options.encodingThreads(), schema.getColumns().size());
        this.fileWriter = new ParquetFileWriter(file, schema, ParquetFileWriter.Mode.OVERWRITE, rowGroupSizeBytes, 0, null, properties);
        fileWriter.start();
        startRowGroup();
    }

    /** Appends the batch's rows; its vectors must have the schema's types, in order. */
    void write(ColumnBatch batch) throws IOException {
        List<ColumnVector> vectors = batch.vectors();
        boolean[] nullable = new boolean[vectors.size()];
        for (int column = 0; column < nullable.length; column++) {
            nullable[column] = vectors.get(column).hasNulls();
        }
        int from = 0;
        while (from < batch.size()) {
            // Slices end where the row group's size is checked next, so row groups close where they would row by row.
            int to = (int) Math.min(Math.min(batch.size(), from + SLICE_ROWS), from + (rowsForNextSizeCheck - rowGroupRows));
            encodeSlice(vectors, nullable, from, to);
            for (int row = from; row < to; row++) {
                columnStore.endRecord();
            }
            rowGroupRows += to - from;
            from = to;
            if (rowGroupRows >= rowsForNextSizeCheck) {
                checkRowGroupSize();
            }
        }
    }

    /**
     * Encodes rows {@code [from, to)} of every column, column by column: column writers are independent of each
     * other, so the columns are shared out over the encoding threads (thread {@code t} takes columns {@code t},
     * {@code t + threads}, ...). Records end after the slice, on this thread.
     */
    private void encodeSlice(List<ColumnVector> vectors, boolean[] nullable, int from, int to) {
        if (encodingThreads == 1 || to - from < MIN_ROWS_PER_PARALLEL_SLICE) {
            encodeColumns(vectors, nullable, 0, 1, from, to);
            return;
        }
        CompletableFuture<?>[] others = new CompletableFuture<?>[encodingThreads - 1];
        for (int share = 1; share < encodingThreads; share++) {
            int first = share;
            others[share - 1] = CompletableFuture.runAsync(() -> encodeColumns(vectors, nullable, first, encodingThreads, from, to), encodingExecutor);
        }
        RuntimeException failure = null;
        try {
            encodeColumns(vectors, nullable, 0, encodingThreads, from, to);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (CompletableFuture<?> other : others) {
            try {
                other.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void encodeColumns(List<ColumnVector> vectors, boolean[] nullable, int first, int step, int from, int to) {
        for (int column = first; column < writers.length; column += step) {
            encodeColumn(writers[column], vectors.get(column), nullable[column], from, to);
        }
    }

    /** Writes the last row group and the footer. */
    void finish() throws IOException {
        flushRowGroup();
        fileWriter.end(Map.of());
    }

    private void startRowGroup() {
        pageStore = new ColumnChunkPageWriteStore(compressor, schema, properties.getAllocator(),
                properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
        columnStore = properties.newColumnWriteStore(schema, pageStore, pageStore);
        List<ColumnDescriptor> columns = schema.getColumns();
        writers = new ColumnWriter[columns.size()];
        for (int index = 0; index < writers.length; index++) {
            writers[index] = columnStore.getColumnWriter(columns.get(index));
        }
        rowGroupRows = 0;
        rowsForNextSizeCheck = Math.min(MIN_ROWS_FOR_SIZE_CHECK, rowGroupRowLimit);
    }

    private void checkRowGroupSize() throws IOException {
        long bufferedBytes = columnStore.getBufferedSize();
        long bytesPerRow = Math.max(1, bufferedBytes / rowGroupRows);
        // close the group within about two rows of its byte size: better slightly under than over
        if (rowGroupRows >= rowGroupRowLimit || bufferedBytes > rowGroupSizeBytes - 2 * bytesPerRow) {
            flushRowGroup();
            startRowGroup();
            return;
        }
        // look again about halfway to the size the group would reach, and never past its row limit
        long rowsToFill = (rowGroupSizeBytes - bufferedBytes) / bytesPerRow;
        long next = rowGroupRows + Math.min(Math.max(rowsToFill / 2, MIN_ROWS_FOR_SIZE_CHECK), MAX_ROWS_FOR_SIZE_CHECK);
        rowsForNextSizeCheck = Math.min(next, rowGroupRowLimit);
    }

    private void flushRowGroup() throws IOException {
        try {
            if (rowGroupRows > 0) {
                fileWriter.startBlock(rowGroupRows);
                columnStore.flush();
                pageStore.flushToFileWriter(fileWriter);
                fileWriter.endBlock();
            }
        } finally {
            columnStore.close();
            pageStore.close();
        }
    }

    /** Rows {@code [from, to)} of one column, the type dispatched once per slice rather than per value. */
    private static void encodeColumn(ColumnWriter writer, ColumnVector vector, boolean nullable, int from, int to) {
        switch (vector.type()) {
            case BOOL -> {
                for (int row = from; row < to; row++) {
                    if (nullable && vector.isNull(row)) {
                        writer.writeNull(0, 0);
                    } else {
                        writer.write(vector.getLong(row) != 0, 0, 1);
                    }
                }
            }
            case INT32 -> {
                for (int row = from; row < to; row++) {
                    if (nullable && vector.isNull(row)) {
                        writer.writeNull(0, 0);
                    } else {
                        writer.write((int) vector.getLong(row), 0, 1);
                    }
                }
            }
            case INT64, UNIX_TIMESTAMP -> {
                for (int row = from; row < to; row++) {
                    if (nullable && vector.isNull(row)) {
                        writer.writeNull(0, 0);
                    } else {
                        writer.write(vector.getLong(row), 0, 1);
                    }
                }
            }
            case FLOAT32 -> {
                for (int row = from; row < to; row++) {
                    if (nullable && vector.isNull(row)) {
                        writer.writeNull(0, 0);
                    } else {
                        writer.write((float) vector.getDouble(row), 0, 1);
                    }
                }
            }
            case FLOAT64 -> {
                for (int row = from; row < to; row++) {
                    if (nullable && vector.isNull(row)) {
                        writer.writeNull(0, 0);
                    } else {
                        writer.write(vector.getDouble(row), 0, 1);
                    }
                }
            }
            case STRING, BYTES, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST -> {
                for (int row = from; row < to; row++) {
                    writeObject(writer, vector, row);
                }
            }
        }
    }

    private static void writeObject(ColumnWriter writer, ColumnVector vector, int row) {
        if (vector.isNull(row)) {
            writer.writeNull(0, 0);
            return;
        }
        switch (vector.type()) {
            case STRING -> writer.write(Binary.fromString((String) vector.get(row)), 0, 1);
            case BYTES -> writer.write(Binary.fromConstantByteArray((byte[]) vector.get(row)), 0, 1);
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    writeList(writer, vector.type().elementType(), (List<?>) vector.get(row));
            case BOOL, INT32, INT64, FLOAT32, FLOAT64, UNIX_TIMESTAMP -> throw new IllegalStateException("not an object column: " + vector.type());
        }
    }

    private static void writeList(ColumnWriter writer, ValueType elementType, List<?> elements) {
        if (elements.isEmpty()) {
            writer.writeNull(0, 1);
            return;
        }
        int repetitionLevel = 0;
        for (Object element : elements) {
            if (element == null) {
                writer.writeNull(repetitionLevel, 2);
            } else {
                writeElement(writer, elementType, element, repetitionLevel);
            }
            repetitionLevel = 1;
        }
    }

    /** A list element, held as {@link Row} holds values. */
    private static void writeElement(ColumnWriter writer, ValueType type, Object element, int repetitionLevel) {
        switch (type) {
            case BOOL -> writer.write((Boolean) element, repetitionLevel, 3);
            case INT32 -> writer.write((Integer) element, repetitionLevel, 3);
            case INT64 -> writer.write((Long) element, repetitionLevel, 3);
            case FLOAT32 -> writer.write((Float) element, repetitionLevel, 3);
            case FLOAT64 -> writer.write((Double) element, repetitionLevel, 3);
            case STRING -> writer.write(Binary.fromString((String) element), repetitionLevel, 3);
            case BYTES -> writer.write(Binary.fromConstantByteArray((byte[]) element), repetitionLevel, 3);
            case UNIX_TIMESTAMP -> writer.write(Timestamps.toMicros((Instant) element), repetitionLevel, 3);
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalArgumentException("a list of lists (%s) is not written".formatted(type));
        }
    }
}
