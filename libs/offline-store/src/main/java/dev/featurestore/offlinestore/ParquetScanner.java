package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

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
    /** Rows decoded at a time for the row API. */
    private static final int ROW_BATCH_SIZE = 1024;

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
        Consumer<ColumnBatch> rows = rows(sink);
        ScanStatistics statistics = ScanStatistics.EMPTY;
        for (ParquetObject object : list(request.uri())) {
            statistics = statistics.plus(request.selects(object.partitions()) ? readObject(object, request, ROW_BATCH_SIZE, rows) : SKIPPED_OBJECT);
        }
        return statistics;
    }

    /**
     * Reads the selected objects concurrently on {@code executor}. Each object's rows go, in file order and
     * on one thread, to the sink {@code sinks} returns for that object ({@code sinks} is called on the
     * caller's thread, in object order). Returns once every object is read; the first failure is rethrown
     * (naming its object) after the other reads finished.
     */
    public ScanStatistics scan(ScanRequest request, Executor executor, Function<ParquetObject, Consumer<Row>> sinks) {
        requireNonNull(sinks, "sinks is null");
        return scanObjects(request, ROW_BATCH_SIZE, executor, object -> rows(sinks.apply(object)));
    }

    /**
     * Like {@link #scan(ScanRequest, Executor, Function)}, delivering each object's rows in batches of at most
     * {@code batchSize} rows, in file order, on one thread per object. The columns are decoded straight into
     * the batches' vectors; a batch never spans two row groups, and rows outside the time range (or with a
     * null timestamp) are dropped from it, so batches may be smaller than {@code batchSize}; an empty batch
     * is not delivered.
     */
    public ScanStatistics scanBatches(ScanRequest request, int batchSize, Executor executor, Function<ParquetObject, Consumer<ColumnBatch>> sinks) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size %d is below 1".formatted(batchSize));
        }
        return scanObjects(request, batchSize, executor, sinks);
    }

    /**
     * What {@code request} would read, from the footers of the objects partition pruning keeps, read
     * concurrently on {@code executor}: per object, the schema a scan delivers and the rows of the row groups
     * the time range keeps. No column chunk is read.
     *
     * @throws ObjectNotFoundException when a named object does not exist
     * @throws OfflineStoreException naming the object (and column) that cannot be read, as a scan would
     */
    public ScanPlan plan(ScanRequest request, Executor executor) {
        requireNonNull(request, "request is null");
        requireNonNull(executor, "executor is null");
        List<CompletableFuture<ScanPlan.PlannedObject>> footers = new ArrayList<>();
        for (ParquetObject object : list(request.uri())) {
            if (request.selects(object.partitions())) {
                footers.add(CompletableFuture.supplyAsync(() -> {
                    try (ParquetObjectReader reader = ParquetObjectReader.open(store, object, request)) {
                        return new ScanPlan.PlannedObject(object, reader.schema(), reader.rowsToRead());
                    }
                }, executor));
            }
        }
        return new ScanPlan(joinAll(footers));
    }

    /** {@link #plan(ScanRequest, Executor)} reading the footers one after the other on the caller's thread. */
    public ScanPlan plan(ScanRequest request) {
        return plan(request, Runnable::run);
    }

    private ScanStatistics scanObjects(ScanRequest request, int batchSize, Executor executor, Function<ParquetObject, Consumer<ColumnBatch>> sinks) {
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
            Consumer<ColumnBatch> sink = requireNonNull(sinks.apply(object), "sink is null");
            reads.add(CompletableFuture.supplyAsync(() -> readObject(object, request, batchSize, sink), executor));
        }
        for (ScanStatistics read : joinAll(reads)) {
            statistics = statistics.plus(read);
        }
        return statistics;
    }

    /** The results in order, once every task ended; the first failure rethrown, the others suppressed in it. */
    private static <T> List<T> joinAll(List<CompletableFuture<T>> tasks) {
        List<T> results = new ArrayList<>(tasks.size());
        RuntimeException failure = null;
        for (CompletableFuture<T> task : tasks) {
            try {
                results.add(task.join());
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
        return results;
    }

    private ScanStatistics readObject(ParquetObject object, ScanRequest request, int batchSize, Consumer<ColumnBatch> sink) {
        try (ParquetObjectReader reader = ParquetObjectReader.open(store, object, request)) {
            return reader.read(batchSize, sink);
        }
    }

    private static Consumer<ColumnBatch> rows(Consumer<Row> sink) {
        requireNonNull(sink, "sink is null");
        return batch -> {
            for (int row = 0; row < batch.size(); row++) {
                sink.accept(batch.row(row));
            }
        };
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
