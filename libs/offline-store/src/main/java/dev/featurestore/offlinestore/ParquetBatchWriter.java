package dev.featurestore.offlinestore;

import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * once the buffered size nears their byte size, as parquet-hadoop's own writer decides. Not thread-safe.
 */
final class ParquetBatchWriter {
    private static final int MIN_ROWS_FOR_SIZE_CHECK = 100;
    private static final int MAX_ROWS_FOR_SIZE_CHECK = 10_000;

    private final MessageType schema;
    private final ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final ParquetFileWriter fileWriter;
    private final long rowGroupSizeBytes;
    private final int rowGroupRowLimit;
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
        this.fileWriter = new ParquetFileWriter(file, schema, ParquetFileWriter.Mode.OVERWRITE, rowGroupSizeBytes, 0, null, properties);
        fileWriter.start();
        startRowGroup();
    }

    /** Appends the batch's rows; its vectors must have the schema's types, in order. */
    void write(ColumnBatch batch) throws IOException {
        List<ColumnVector> vectors = batch.vectors();
        for (int row = 0; row < batch.size(); row++) {
            for (int column = 0; column < writers.length; column++) {
                writeValue(writers[column], vectors.get(column), row);
            }
            columnStore.endRecord();
            rowGroupRows++;
            if (rowGroupRows >= rowsForNextSizeCheck) {
                checkRowGroupSize();
            }
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

    private static void writeValue(ColumnWriter writer, ColumnVector vector, int row) {
        if (vector.isNull(row)) {
            writer.writeNull(0, 0);
            return;
        }
        switch (vector.type()) {
            case BOOL -> writer.write(vector.getLong(row) != 0, 0, 1);
            case INT32 -> writer.write((int) vector.getLong(row), 0, 1);
            case INT64, UNIX_TIMESTAMP -> writer.write(vector.getLong(row), 0, 1);
            case FLOAT32 -> writer.write((float) vector.getDouble(row), 0, 1);
            case FLOAT64 -> writer.write(vector.getDouble(row), 0, 1);
            case STRING -> writer.write(Binary.fromString((String) vector.get(row)), 0, 1);
            case BYTES -> writer.write(Binary.fromConstantByteArray((byte[]) vector.get(row)), 0, 1);
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    writeList(writer, vector.type().elementType(), (List<?>) vector.get(row));
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
