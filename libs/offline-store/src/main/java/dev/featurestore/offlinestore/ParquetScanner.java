package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet objects through an {@link ObjectStore}, without Hadoop at run time: one object or every
 * {@code *.parquet} below a prefix (names starting with {@code _} or {@code .} are skipped), hive
 * partition segments {@code key=value/} delivered as STRING columns and usable for pruning, only the
 * requested column chunks fetched, row groups skipped on the timestamp column's min/max statistics,
 * objects read one after the other or concurrently on an executor. Thread-safe.
 */
public final class ParquetScanner {
    private static final String PARQUET_SUFFIX = ".parquet";
    private static final ScanStatistics SKIPPED_OBJECT = new ScanStatistics(0, 1, 0, 0, 0);

    private final ObjectStore store;

    public ParquetScanner(ObjectStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** The Parquet objects a URI names, sorted by key. */
    public List<ParquetObject> list(StorageUri uri) {
        requireNonNull(uri, "uri is null");
        if (uri.key().endsWith(PARQUET_SUFFIX)) {
            return List.of(new ParquetObject(uri, store.size(uri), Map.of()));
        }
        StorageUri prefix = uri.asPrefix();
        List<ParquetObject> found = new ArrayList<>();
        for (ObjectInfo object : store.list(prefix)) {
            String relative = object.uri().key().substring(prefix.key().length());
            List<String> segments = Arrays.asList(relative.split("/"));
            String name = segments.get(segments.size() - 1);
            if (!name.endsWith(PARQUET_SUFFIX) || segments.stream().anyMatch(segment -> segment.startsWith("_") || segment.startsWith("."))) {
                continue;
            }
            Map<String, String> partitions = new LinkedHashMap<>();
            for (String segment : segments.subList(0, segments.size() - 1)) {
                int equals = segment.indexOf('=');
                if (equals > 0) {
                    partitions.put(decode(segment.substring(0, equals)), decode(segment.substring(equals + 1)));
                }
            }
            found.add(new ParquetObject(object.uri(), object.size(), partitions));
        }
        return found;
    }

    /** Every row the request selects, in object order then file order. */
    public List<Row> readAll(ScanRequest request) {
        List<Row> rows = new ArrayList<>();
        scan(request, rows::add);
        return rows;
    }

    /**
     * Delivers the selected rows to {@code sink}, one object after the other.
     *
     * @throws ObjectNotFoundException when a named object does not exist
     * @throws OfflineStoreException naming the object (and column) that cannot be read
     */
    public ScanStatistics scan(ScanRequest request, Consumer<Row> sink) {
        requireNonNull(request, "request is null");
        requireNonNull(sink, "sink is null");
        ScanStatistics statistics = ScanStatistics.EMPTY;
        for (ParquetObject object : list(request.uri())) {
            statistics = statistics.plus(request.selects(object.partitions()) ? scanObject(object, request, sink) : SKIPPED_OBJECT);
        }
        return statistics;
    }

    /**
     * Reads the selected objects concurrently on {@code executor}. Each object's rows go, in file order and
     * on one thread, to the sink {@code sinks} returns for that object ({@code sinks} is called on the
     * caller's thread, in object order, before any read starts). Returns once every object is read; the
     * first failure is rethrown (naming its object) after the other reads finished.
     */
    public ScanStatistics scan(ScanRequest request, Executor executor, Function<ParquetObject, Consumer<Row>> sinks) {
        requireNonNull(request, "request is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(sinks, "sinks is null");
        ScanStatistics statistics = ScanStatistics.EMPTY;
        List<CompletableFuture<ScanStatistics>> reads = new ArrayList<>();
        for (ParquetObject object : list(request.uri())) {
            if (!request.selects(object.partitions())) {
                statistics = statistics.plus(SKIPPED_OBJECT);
                continue;
            }
            Consumer<Row> sink = requireNonNull(sinks.apply(object), "sink is null");
            reads.add(CompletableFuture.supplyAsync(() -> {
                ScanStatistics read = scanObject(object, request, sink);
                if (sink instanceof BatchingSink batching) {
                    batching.flush();
                }
                return read;
            }, executor));
        }
        RuntimeException failure = null;
        for (CompletableFuture<ScanStatistics> read : reads) {
            try {
                statistics = statistics.plus(read.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return statistics;
    }

    /**
     * Like {@link #scan(ScanRequest, Executor, Function)}, delivering each object's rows in batches of at most
     * {@code batchSize} rows, in file order, on one thread per object.
     */
    public ScanStatistics scanBatches(ScanRequest request, int batchSize, Executor executor, Function<ParquetObject, Consumer<ColumnBatch>> sinks) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size %d is below 1".formatted(batchSize));
        }
        requireNonNull(sinks, "sinks is null");
        return scan(request, executor, object -> new BatchingSink(batchSize, requireNonNull(sinks.apply(object), "sink is null")));
    }

    private ScanStatistics scanObject(ParquetObject object, ScanRequest request, Consumer<Row> sink) {
        ObjectInputFile input = new ObjectInputFile(store, object.uri(), object.size());
        try (ParquetFileReader reader = ParquetFileReader.open(input, HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE))) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            List<String> wanted = request.columns().orElseGet(() -> {
                List<String> all = new ArrayList<>(fileSchema.getFields().stream().map(Type::getName).toList());
                object.partitions().keySet().stream().filter(key -> !fileSchema.containsField(key)).forEach(all::add);
                return all;
            });
            // Output columns, and where each value comes from: a file column or a partition value.
            List<Column> outputColumns = new ArrayList<>();
            List<String> readNames = new ArrayList<>();
            for (String name : wanted) {
                if (fileSchema.containsField(name)) {
                    outputColumns.add(new Column(name, ParquetTypes.valueType(fileSchema.getType(name), object.uri())));
                    readNames.add(name);
                } else if (object.partitions().containsKey(name)) {
                    outputColumns.add(new Column(name, ValueType.STRING));
                } else {
                    throw new OfflineStoreException("%s: no column '%s' (columns: %s, partition keys: %s)".formatted(
                            object.uri(), name, fileSchema.getFields().stream().map(Type::getName).toList(), object.partitions().keySet()));
                }
            }
            TimeUnit timeUnit = null;
            String timeColumn = request.timeRange().map(TimeRange::column).orElse(null);
            if (timeColumn != null) {
                if (!fileSchema.containsField(timeColumn)
                        || ParquetTypes.valueType(fileSchema.getType(timeColumn), object.uri()) != ValueType.UNIX_TIMESTAMP) {
                    throw new OfflineStoreException("%s: the time range column '%s' is not a timestamp column of the file"
                            .formatted(object.uri(), timeColumn));
                }
                timeUnit = ParquetTypes.timestampUnit(fileSchema.getType(timeColumn).asPrimitiveType());
                if (!readNames.contains(timeColumn)) {
                    readNames.add(timeColumn);
                }
            }
            // The requested schema keeps the file's field order.
            List<Type> readFields = fileSchema.getFields().stream().filter(field -> readNames.contains(field.getName())).toList();
            MessageType requested = new MessageType(fileSchema.getName(), readFields);
            reader.setRequestedSchema(requested);
            RowSchema outputSchema = new RowSchema(outputColumns);
            int[] sourceField = new int[outputColumns.size()];
            for (int index = 0; index < outputColumns.size(); index++) {
                String name = outputColumns.get(index).name();
                sourceField[index] = requested.containsField(name) ? requested.getFieldIndex(name) : -1;
            }
            int timeField = timeColumn == null ? -1 : requested.getFieldIndex(timeColumn);

            int read = 0;
            int skipped = 0;
            long delivered = 0;
            for (BlockMetaData block : reader.getRowGroups()) {
                if (request.timeRange().isPresent() && !mayContain(block, request.timeRange().get(), timeUnit)) {
                    reader.skipNextRowGroup();
                    skipped++;
                    continue;
                }
                PageReadStore pages = reader.readNextRowGroup();
                read++;
                MessageColumnIO columnIO = new ColumnIOFactory().getColumnIO(requested, fileSchema);
                RecordReader<Group> records = columnIO.getRecordReader(pages, new GroupRecordConverter(requested));
                for (long rowIndex = 0; rowIndex < pages.getRowCount(); rowIndex++) {
                    Group group = records.read();
                    if (timeField >= 0) {
                        Object time = value(group, timeField, requested, ValueType.UNIX_TIMESTAMP, timeUnit);
                        if (time == null || !request.timeRange().get().contains((Instant) time)) {
                            continue;
                        }
                    }
                    Object[] values = new Object[outputColumns.size()];
                    for (int index = 0; index < values.length; index++) {
                        Column column = outputColumns.get(index);
                        values[index] = sourceField[index] < 0
                                ? object.partitions().get(column.name())
                                : value(group, sourceField[index], requested, column.type(), null);
                    }
                    sink.accept(new Row(outputSchema, Arrays.asList(values)));
                    delivered++;
                }
            }
            return new ScanStatistics(1, 0, read, skipped, delivered);
        } catch (IOException | RuntimeException e) {
            if (e instanceof OfflineStoreException offline) {
                throw offline;
            }
            throw new OfflineStoreException("cannot read %s: %s".formatted(object.uri(), e.getMessage()), e);
        }
    }

    private static boolean mayContain(BlockMetaData block, TimeRange range, TimeUnit unit) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (!chunk.getPath().toDotString().equals(range.column())) {
                continue;
            }
            Statistics<?> statistics = chunk.getStatistics();
            if (statistics == null || statistics.isEmpty()) {
                return true;
            }
            if (!statistics.hasNonNullValue()) {
                return false;
            }
            Instant min = ParquetTypes.toInstant((Long) statistics.genericGetMin(), unit);
            Instant max = ParquetTypes.toInstant((Long) statistics.genericGetMax(), unit);
            return range.overlaps(min, max);
        }
        return true;
    }

    private static Object value(Group group, int field, MessageType schema, ValueType type, TimeUnit knownUnit) {
        if (group.getFieldRepetitionCount(field) == 0) {
            return null;
        }
        if (type.isList()) {
            ParquetTypes.ListElement shape = ParquetTypes.listElement(schema.getType(field)).orElseThrow();
            Group list = group.getGroup(field, 0);
            int count = list.getFieldRepetitionCount(0);
            List<Object> values = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                if (!shape.elementNested()) {
                    values.add(primitive(list, 0, index, type.elementType(), shape.element()));
                } else {
                    Group item = list.getGroup(0, index);
                    values.add(item.getFieldRepetitionCount(0) == 0 ? null : primitive(item, 0, 0, type.elementType(), shape.element()));
                }
            }
            return Collections.unmodifiableList(values);
        }
        if (type == ValueType.UNIX_TIMESTAMP && knownUnit != null) {
            return ParquetTypes.toInstant(group.getLong(field, 0), knownUnit);
        }
        return primitive(group, field, 0, type, schema.getType(field).asPrimitiveType());
    }

    private static Object primitive(Group group, int field, int index, ValueType type, PrimitiveType parquetType) {
        return switch (type) {
            case BOOL -> group.getBoolean(field, index);
            case INT32 -> group.getInteger(field, index);
            case INT64 -> group.getLong(field, index);
            case FLOAT32 -> group.getFloat(field, index);
            case FLOAT64 -> group.getDouble(field, index);
            case STRING -> group.getBinary(field, index).toStringUsingUTF8();
            case BYTES -> group.getBinary(field, index).getBytes();
            case UNIX_TIMESTAMP -> ParquetTypes.toInstant(group.getLong(field, index), ParquetTypes.timestampUnit(parquetType));
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalArgumentException("no primitive value of type " + type);
        };
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Collects rows into batches of one schema (a scan delivers one schema per object). */
    private static final class BatchingSink implements Consumer<Row> {
        private final int batchSize;
        private final Consumer<ColumnBatch> sink;
        private final List<Row> pending = new ArrayList<>();

        BatchingSink(int batchSize, Consumer<ColumnBatch> sink) {
            this.batchSize = batchSize;
            this.sink = sink;
        }

        @Override
        public void accept(Row row) {
            pending.add(row);
            if (pending.size() >= batchSize) {
                flush();
            }
        }

        void flush() {
            if (!pending.isEmpty()) {
                sink.accept(ColumnBatch.of(pending.get(0).schema(), pending));
                pending.clear();
            }
        }
    }
}
