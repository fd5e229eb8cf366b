package dev.featurestore.offlinestore;

import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One Parquet object opened for a {@link ScanRequest}: its footer read, the delivered schema resolved
 * (file columns and partition keys), the row groups the time range keeps chosen from their statistics,
 * and, on {@link #read}, the kept row groups decoded column by column into {@link ColumnBatch}es. The one
 * read path of {@link ParquetScanner}, for rows and batches alike. Not thread-safe.
 */
final class ParquetObjectReader implements AutoCloseable {
    private final ParquetObject object;
    private final ParquetFileReader reader;
    private final RowSchema schema;
    /** Per delivered column, its decoder, or null for a partition column or one the object lacks. */
    private final List<ParquetColumnDecoder> decoders;
    /** Requested columns the object lacks, delivered all null ({@link ScanRequest#absentAsNull()}). */
    private final Set<String> absentColumns;
    private final ParquetColumnDecoder timeDecoder;
    private final TimeRange timeRange;
    private final PrimitiveType timeType;

    private ParquetObjectReader(ParquetObject object, ParquetFileReader reader, ScanRequest request) {
        this.object = object;
        this.reader = reader;
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        List<String> wanted = request.columns().orElseGet(() -> {
            List<String> all = new ArrayList<>(fileSchema.getFields().stream().map(Type::getName).toList());
            object.partitions().keySet().stream().filter(key -> !fileSchema.containsField(key)).forEach(all::add);
            return all;
        });
        List<Column> columns = new ArrayList<>();
        List<String> readNames = new ArrayList<>();
        Set<String> absent = new HashSet<>();
        for (String name : wanted) {
            if (fileSchema.containsField(name)) {
                columns.add(new Column(name, ParquetTypes.valueType(fileSchema.getType(name), object.uri())));
                readNames.add(name);
            } else if (object.partitions().containsKey(name)) {
                columns.add(new Column(name, ValueType.STRING));
            } else if (request.absentAsNull().containsKey(name)) {
                columns.add(new Column(name, request.absentAsNull().get(name)));
                absent.add(name);
            } else {
                throw new OfflineStoreException("%s: no column '%s' (columns: %s, partition keys: %s)".formatted(
                        object.uri(), name, fileSchema.getFields().stream().map(Type::getName).toList(), object.partitions().keySet()));
            }
        }
        this.schema = new RowSchema(columns);
        this.absentColumns = Set.copyOf(absent);
        this.timeRange = request.timeRange().orElse(null);
        Column timeColumn = null;
        if (timeRange != null) {
            String name = timeRange.column();
            if (!fileSchema.containsField(name) || ParquetTypes.valueType(fileSchema.getType(name), object.uri()) != ValueType.UNIX_TIMESTAMP) {
                throw new OfflineStoreException("%s: the time range column '%s' is not a timestamp column of the file"
                        .formatted(object.uri(), name));
            }
            timeColumn = new Column(name, ValueType.UNIX_TIMESTAMP);
            this.timeType = fileSchema.getType(name).asPrimitiveType();
            if (!readNames.contains(name)) {
                readNames.add(name);
            }
        } else {
            this.timeType = null;
        }
        // the requested schema keeps the file's field order
        MessageType requested = new MessageType(fileSchema.getName(),
                fileSchema.getFields().stream().filter(field -> readNames.contains(field.getName())).toList());
        reader.setRequestedSchema(requested);
        List<ParquetColumnDecoder> columnDecoders = new ArrayList<>();
        ParquetColumnDecoder time = null;
        for (Column column : columns) {
            ParquetColumnDecoder decoder = requested.containsField(column.name()) ? ParquetColumnDecoder.create(column, requested) : null;
            columnDecoders.add(decoder);
            if (timeColumn != null && column.equals(timeColumn)) {
                time = decoder;
            }
        }
        this.decoders = columnDecoders;
        this.timeDecoder = timeColumn == null || time != null ? time : ParquetColumnDecoder.create(timeColumn, requested);
    }

    /**
     * Opens {@code object} and reads its footer.
     *
     * @throws OfflineStoreException naming the object (and column) that cannot be read
     */
    static ParquetObjectReader open(ObjectStore store, ParquetObject object, ScanRequest request) {
        ParquetFileReader reader = null;
        try {
            reader = ParquetFileReader.open(new ObjectInputFile(store, object.uri(), object.size()),
                    HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE));
            return new ParquetObjectReader(object, reader, request);
        } catch (IOException | RuntimeException e) {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException | RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw failure(object, e);
        }
    }

    /** The columns delivered, in the requested order. */
    RowSchema schema() {
        return schema;
    }

    /** The rows of the row groups the time range does not prune, from the footer. */
    long rowsToRead() {
        return reader.getRowGroups().stream().filter(this::mayContainSelectedRows).mapToLong(BlockMetaData::getRowCount).sum();
    }

    /**
     * Delivers the selected rows, in file order, in batches of at most {@code batchSize} rows (a batch
     * never spans two row groups; rows outside the time range are dropped and empty batches not delivered).
     */
    ScanStatistics read(int batchSize, Consumer<ColumnBatch> sink) {
        try {
            int read = 0;
            int skipped = 0;
            long delivered = 0;
            for (BlockMetaData block : reader.getRowGroups()) {
                if (!mayContainSelectedRows(block)) {
                    reader.skipNextRowGroup();
                    skipped++;
                    continue;
                }
                PageReadStore pages = reader.readNextRowGroup();
                read++;
                for (ParquetColumnDecoder decoder : decoders) {
                    if (decoder != null) {
                        decoder.startRowGroup(pages);
                    }
                }
                if (timeDecoder != null && !decoders.contains(timeDecoder)) {
                    timeDecoder.startRowGroup(pages);
                }
                long remaining = pages.getRowCount();
                while (remaining > 0) {
                    int rows = (int) Math.min(batchSize, remaining);
                    remaining -= rows;
                    ColumnBatch batch = decodeBatch(rows);
                    if (batch != null) {
                        delivered += batch.size();
                        sink.accept(batch);
                    }
                }
            }
            return new ScanStatistics(1, 0, read, skipped, delivered);
        } catch (IOException | RuntimeException e) {
            throw failure(object, e);
        }
    }

    /** The next {@code rows} rows of the row group, or null when the time range keeps none of them. */
    private ColumnBatch decodeBatch(int rows) {
        ColumnVector times = null;
        int[] selection = null;
        int selected = rows;
        if (timeDecoder != null) {
            times = timeDecoder.decode(rows);
            selection = new int[rows];
            selected = 0;
            long from = Timestamps.toMicros(timeRange.from());
            long to = Timestamps.toMicros(timeRange.to());
            for (int row = 0; row < rows; row++) {
                long time = times.getLong(row);
                if (time >= from && time <= to && !times.isNull(row)) {
                    selection[selected++] = row;
                }
            }
        }
        if (selected == 0) {
            decoders.stream().filter(decoder -> decoder != null && decoder != timeDecoder).forEach(decoder -> decoder.skip(rows));
            return null;
        }
        boolean filtered = selected < rows;
        List<ColumnVector> vectors = new ArrayList<>(decoders.size());
        for (int index = 0; index < decoders.size(); index++) {
            ParquetColumnDecoder decoder = decoders.get(index);
            if (decoder == null && absentColumns.contains(schema.column(index).name())) {
                vectors.add(ColumnVector.allNull(schema.column(index), selected));
            } else if (decoder == null) {
                Object[] values = new Object[selected];
                Arrays.fill(values, object.partitions().get(schema.column(index).name()));
                vectors.add(ColumnVector.wrap(schema.column(index), selected, null, null, values, null));
            } else {
                ColumnVector vector = decoder == timeDecoder ? times : decoder.decode(rows);
                vectors.add(filtered ? vector.select(selection, selected) : vector);
            }
        }
        return new ColumnBatch(schema, selected, vectors);
    }

    private boolean mayContainSelectedRows(BlockMetaData block) {
        if (timeRange == null) {
            return true;
        }
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (!chunk.getPath().toDotString().equals(timeRange.column())) {
                continue;
            }
            Statistics<?> statistics = chunk.getStatistics();
            if (statistics == null || statistics.isEmpty()) {
                return true;
            }
            if (!statistics.hasNonNullValue()) {
                // no min/max: prune a chunk known to hold only nulls, read one whose type keeps none (INT96)
                return !(statistics.isNumNullsSet() && statistics.getNumNulls() == chunk.getValueCount());
            }
            OptionalLong min = ParquetTypes.statisticMicros(statistics.genericGetMin(), timeType);
            OptionalLong max = ParquetTypes.statisticMicros(statistics.genericGetMax(), timeType);
            return min.isEmpty() || max.isEmpty()
                    || timeRange.overlaps(Timestamps.fromMicros(min.getAsLong()), Timestamps.fromMicros(max.getAsLong()));
        }
        return true;
    }

    private static OfflineStoreException failure(ParquetObject object, Exception e) {
        if (e instanceof OfflineStoreException offline) {
            return offline;
        }
        return new OfflineStoreException("cannot read %s: %s".formatted(object.uri(), e.getMessage()), e);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new OfflineStoreException("cannot close %s: %s".formatted(object.uri(), e.getMessage()), e);
        }
    }
}
