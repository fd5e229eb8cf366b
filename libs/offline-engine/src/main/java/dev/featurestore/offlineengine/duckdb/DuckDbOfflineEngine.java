package dev.featurestore.offlineengine.duckdb;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlineengine.EngineCancelledException;
import dev.featurestore.offlineengine.EngineFailedException;
import dev.featurestore.offlineengine.EngineFailedException.Reason;
import dev.featurestore.offlineengine.EngineListener;
import dev.featurestore.offlineengine.EntityRows;
import dev.featurestore.offlineengine.Export;
import dev.featurestore.offlineengine.ExportResult;
import dev.featurestore.offlineengine.FeatureColumn;
import dev.featurestore.offlineengine.KeyColumn;
import dev.featurestore.offlineengine.LatestQuery;
import dev.featurestore.offlineengine.LatestStatistics;
import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlineengine.OutputParts;
import dev.featurestore.offlineengine.Retrieval;
import dev.featurestore.offlineengine.RetrievalStatistics;
import dev.featurestore.offlineengine.SourceCheck;
import dev.featurestore.offlineengine.ViewRead;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectNotFoundException;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ObjectWriter;
import dev.featurestore.offlinestore.OfflineStoreException;
import dev.featurestore.offlinestore.ParquetObject;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.ScanPlan;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUnavailableException;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.offlinestore.TimeRange;
import dev.featurestore.offlinestore.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline engine on DuckDB, in process. Source objects are listed and their footers checked through the
 * {@link ObjectStore} (partition and row-group pruning by time, every object checked against its view before any row
 * is read); the objects left are staged locally ({@link Staging}) and read by DuckDB's own Parquet reader, so no
 * DuckDB extension is loaded or downloaded. The point-in-time pick is a range join on the keys and the event
 * timestamp with the greatest (event, created) per entity row; entity rows' other columns never enter DuckDB: the
 * result is zipped with them in their order.
 */
public final class DuckDbOfflineEngine implements OfflineEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbOfflineEngine.class);
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final int LOOKUP_FILTER_LIMIT = 1_000;

    private final ObjectStore store;
    private final ParquetScanner scanner;
    private final DuckDbSettings settings;
    private final DuckDBConnection database;
    private final ExecutorService io;
    private final ScheduledExecutorService watchdog;
    private final Path processDirectory;

    public DuckDbOfflineEngine(ObjectStore store, DuckDbSettings settings) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.scanner = new ParquetScanner(store);
        this.io = Executors.newFixedThreadPool(settings.stagingThreads(), daemon("duckdb-staging"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("duckdb-watchdog"));
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        try {
            this.processDirectory = WorkDirectories.forThisProcess(settings.workDirectory());
            this.database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement statement = database.createStatement()) {
                statement.execute("SET autoinstall_known_extensions = false");
                statement.execute("SET autoload_known_extensions = false");
                statement.execute("SET memory_limit = '%dMiB'".formatted(Math.max(1, settings.memoryLimitBytes() >> 20)));
                statement.execute("SET threads = %d".formatted(settings.threads()));
                statement.execute("SET temp_directory = %s".formatted(Sql.literal(processDirectory.resolve("spill").toString())));
                statement.execute("SET TimeZone = 'UTC'");
            }
        } catch (SQLException | RuntimeException e) {
            io.shutdownNow();
            watchdog.shutdownNow();
            throw new IllegalStateException("DuckDB cannot start: %s".formatted(e.getMessage()), e);
        }
        LOG.info("Offline engine duckdb: memory limit {} MiB, {} threads, work directory {}", settings.memoryLimitBytes() >> 20, settings.threads(),
                processDirectory);
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public RetrievalStatistics retrieve(Retrieval retrieval, Consumer<ColumnBatch> sink, EngineListener listener) {
        requireNonNull(retrieval, "retrieval is null");
        requireNonNull(sink, "sink is null");
        requireNonNull(listener, "listener is null");
        return run(retrieval, sink, listener);
    }

    /**
     * Entity rows from Parquet objects: DuckDB joins and writes the part files itself ({@code COPY}, in parallel), and
     * they are uploaded one by one; the rows never cross into Java. Inline entity rows (few by their bound) go through
     * {@link #retrieve} and {@link OutputParts}.
     */
    @Override
    public ExportResult export(Retrieval retrieval, Export export, EngineListener listener) {
        requireNonNull(retrieval, "retrieval is null");
        requireNonNull(export, "export is null");
        requireNonNull(listener, "listener is null");
        RowSchema schema = export.schema(retrieval);
        OutputParts parts = new OutputParts(store, export.output(), schema, export.rowsPerFile(), ParquetWriteOptions.DEFAULTS);
        List<StorageUri> uploaded = new ArrayList<>();
        try {
            if (retrieval.entities() instanceof EntityRows.Inline) {
                List<String> from = export.columns().stream().map(Export.ExportColumn::from).toList();
                RetrievalStatistics statistics = run(retrieval, batch -> parts.accept(
                        new ColumnBatch(schema, batch.size(), from.stream().map(batch::vector).toList())), listener);
                return new ExportResult(statistics, parts.finish());
            }
            RetrievalStatistics statistics = run(retrieval, listener, true, (connection, entities, sources, sourceRows, total) ->
                    copy(connection, retrieval, export, entities, sources, sourceRows, total, listener, uploaded));
            return new ExportResult(statistics, uploaded.isEmpty() ? parts.finish() : uploaded);
        } catch (RuntimeException | Error e) {
            parts.abort();
            for (StorageUri part : uploaded) {
                try {
                    store.delete(part);
                } catch (RuntimeException deleteFailed) {
                    e.addSuppressed(deleteFailed);
                }
            }
            throw e;
        }
    }

    /**
     * The join into a temporary table {@code result}, in entity row order, then each part file written by DuckDB to the
     * call's directory and uploaded to the export's prefix.
     */
    private long[] copy(DuckDBConnection connection, Retrieval retrieval, Export export, Entities entities, List<Source> sources, long sourceRows,
            long total, EngineListener listener, List<StorageUri> uploaded) throws SQLException {
        RowSchema input = retrieval.outputSchema();
        int entityColumns = retrieval.entities().schema().size();
        List<String> columns = new ArrayList<>();
        for (int view = 0; view < sources.size(); view++) {
            columns.add("v%d.__row IS NOT NULL AS __m%d".formatted(view, view));
        }
        for (Export.ExportColumn column : export.columns()) {
            int index = input.requireIndex(column.from());
            String expression;
            if (index < entityColumns) {
                expression = "e.__c%d".formatted(index);
            } else {
                int[] feature = featureAt(retrieval, index - entityColumns);
                expression = Sql.output("v%d.__f%d".formatted(feature[0], feature[1]), input.column(index).type());
            }
            // Named by position in the table (an output column may be called __row), by its name in the file.
            columns.add("%s AS __o%d".formatted(expression, columns.size() - sources.size()));
        }
        String sql = retrievalSql(retrieval, entities, sources, columns);
        LOG.debug("Export query: {}", sql);
        long started = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement("CREATE TEMP TABLE result AS " + sql)) {
            watched(statement, listener, sourceRows, total, PreparedStatement::execute);
        } catch (SQLException e) {
            throw translate(e, "the point-in-time join");
        }
        long[] matched = new long[retrieval.views().size()];
        try (Statement statement = connection.createStatement()) {
            if (matched.length > 0) {
                StringBuilder count = new StringBuilder("SELECT ");
                for (int view = 0; view < matched.length; view++) {
                    count.append(view == 0 ? "" : ", ").append("count(*) FILTER (WHERE __m%d)".formatted(view));
                }
                try (ResultSet result = statement.executeQuery(count.append(" FROM result").toString())) {
                    result.next();
                    for (int view = 0; view < matched.length; view++) {
                        matched[view] = result.getLong(view + 1);
                    }
                }
            }
            long rows = entities.rows();
            long files = rows == 0 ? 0 : 1 + (rows - 1) / export.rowsPerFile();
            List<String> named = new ArrayList<>();
            for (int index = 0; index < export.columns().size(); index++) {
                named.add("__o%d AS %s".formatted(index, Sql.identifier(export.columns().get(index).name())));
            }
            String kept = String.join(", ", named);
            long joined = System.nanoTime();
            long writing = 0;
            long uploading = 0;
            long bytes = 0;
            for (long part = 0; part < files; part++) {
                checkCancelled(listener);
                listener.phase("writing part %d of %d".formatted(part + 1, files));
                long from = part * export.rowsPerFile();
                long to = Math.min(rows, from + export.rowsPerFile());
                Path local = processDirectory.resolve("export-%d-part-%05d.parquet".formatted(Thread.currentThread().getId(), part));
                try {
                    long copying = System.nanoTime();
                    // The table holds the rows in entity row order (its query ends in ORDER BY); with insertion order
                    // preserved (DuckDB's default, never turned off here) a scan of it keeps that order, without a sort.
                    statement.execute("COPY (SELECT %s FROM result WHERE __row >= %d AND __row < %d) TO %s (FORMAT parquet, COMPRESSION snappy)"
                            .formatted(kept, from, to, Sql.literal(local.toString())));
                    long copied = System.nanoTime();
                    StorageUri uri = export.output().resolve("part-%05d.parquet".formatted(part));
                    bytes += Files.size(local);
                    upload(local, uri);
                    uploaded.add(uri);
                    writing += copied - copying;
                    uploading += System.nanoTime() - copied;
                } finally {
                    Files.deleteIfExists(local);
                }
                listener.progress(Math.min(total - 1, sourceRows + to), total);
            }
            statement.execute("DROP TABLE result");
            LOG.info("Export of {} rows to {}: joined in {} ms, {} part(s) of {} MB written in {} ms and uploaded in {} ms", rows, export.output(),
                    (joined - started) / 1_000_000, files, bytes >> 20, writing / 1_000_000, uploading / 1_000_000);
        } catch (SQLException e) {
            throw translate(e, "writing the export");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return matched;
    }

    private void upload(Path local, StorageUri uri) throws IOException {
        try (ObjectWriter writer = store.create(uri)) {
            Files.copy(local, writer);
            writer.commit();
        }
    }

    /** The view and feature index of the {@code index}-th feature column of a retrieval's output. */
    private static int[] featureAt(Retrieval retrieval, int index) {
        int remaining = index;
        for (int view = 0; view < retrieval.views().size(); view++) {
            int features = retrieval.views().get(view).features().size();
            if (remaining < features) {
                return new int[] {view, remaining};
            }
            remaining -= features;
        }
        throw new IllegalArgumentException("feature column %d of a retrieval with fewer".formatted(index));
    }

    @Override
    public ColumnBatch lookup(Retrieval retrieval) {
        requireNonNull(retrieval, "retrieval is null");
        List<ColumnBatch> batches = new ArrayList<>();
        run(retrieval, batches::add, EngineListener.NONE);
        RowSchema schema = retrieval.outputSchema();
        List<ColumnVector.Builder> builders = Results.builders(schema.columns(), (int) retrieval.entities().rows());
        for (ColumnBatch batch : batches) {
            for (int row = 0; row < batch.size(); row++) {
                for (int column = 0; column < builders.size(); column++) {
                    builders.get(column).append(batch.vector(column).get(row));
                }
            }
        }
        int size = batches.stream().mapToInt(ColumnBatch::size).sum();
        return new ColumnBatch(schema, size, builders.stream().map(ColumnVector.Builder::build).toList());
    }

    private RetrievalStatistics run(Retrieval retrieval, Consumer<ColumnBatch> sink, EngineListener listener) {
        return run(retrieval, listener, false, (connection, entities, sources, sourceRows, total) -> {
            long[] matched = new long[retrieval.views().size()];
            String sql = retrievalSql(retrieval, entities, sources);
            LOG.debug("Retrieval query: {}", sql);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                try (ResultSet result = execute(statement, listener, sourceRows, total)) {
                    listener.phase("writing %d rows".formatted(entities.rows()));
                    zip(retrieval, entities, result, sink, listener, matched, sourceRows, total);
                }
            } catch (SQLException e) {
                throw translate(e, "the point-in-time join");
            }
            return matched;
        });
    }

    /** What a retrieval does with the joined rows; returns, per view, the entity rows that matched a source row. */
    private interface JoinOutput {
        long[] write(DuckDBConnection connection, Entities entities, List<Source> sources, long sourceRows, long total) throws SQLException;
    }

    /**
     * Loads the entity rows and plans the views' sources, then hands them to {@code output} when there are entity rows.
     *
     * @param allEntityColumns load every entity column into the entities table (as {@code __c0, __c1, ...}), not only
     *     the timestamp and the keys
     */
    private RetrievalStatistics run(Retrieval retrieval, EngineListener listener, boolean allEntityColumns, JoinOutput output) {
        List<String> problems = retrieval.problems();
        if (!problems.isEmpty()) {
            throw new EngineFailedException(Reason.INVALID_ENTITY_ROWS, String.join("; ", problems));
        }
        try (Staging staging = new Staging(store, processDirectory, io); DuckDBConnection connection = (DuckDBConnection) database.duplicate()) {
            long started = System.nanoTime();
            listener.phase("reading the entity rows");
            Entities entities = loadEntities(connection, retrieval, staging, allEntityColumns);
            List<Source> sources = new ArrayList<>();
            if (entities.rows() > 0) {
                for (int index = 0; index < retrieval.views().size(); index++) {
                    ViewRead view = retrieval.views().get(index);
                    checkCancelled(listener);
                    Instant to = Timestamps.fromMicros(entities.maxTimestamp());
                    Instant from = view.ttl().isZero() ? EARLIEST : Timestamps.fromMicros(entities.minTimestamp()).minus(view.ttl());
                    listener.phase("staging the source of feature view %s".formatted(view.view()));
                    // A few inline entity rows (a lookup, the skew check's sample) read only the rows of their keys.
                    Map<String, Set<Object>> keyFilter = entities.keyValues(view);
                    try {
                        sources.add(source(connection, view, from.isBefore(EARLIEST) ? EARLIEST : from, to, staging, true, keyFilter));
                    } catch (SQLException e) {
                        throw translate(e, "the source of feature view '%s'".formatted(view.view()));
                    }
                }
            }
            long staged = System.nanoTime();
            long sourceRows = sources.stream().mapToLong(Source::rows).sum();
            long total = sourceRows + entities.rows();
            listener.phase("joining %d entity rows with %d feature view(s)".formatted(entities.rows(), retrieval.views().size()));
            long[] matched = entities.rows() > 0 ? output.write(connection, entities, sources, sourceRows, total) : new long[retrieval.views().size()];
            listener.progress(total, total);
            List<RetrievalStatistics.ViewStatistics> views = new ArrayList<>();
            for (int index = 0; index < retrieval.views().size(); index++) {
                Source source = index < sources.size() ? sources.get(index) : null;
                views.add(new RetrievalStatistics.ViewStatistics(retrieval.views().get(index).view(), source == null ? 0 : source.rows(), matched[index],
                        source == null ? 0 : source.objects()));
            }
            LOG.info("Retrieval of {} entity rows over {} view(s): {} source rows; entity rows read and {} MB of sources staged in {} ms; {} ms in all",
                    entities.rows(), retrieval.views().size(), sourceRows, staging.bytes() >> 20, (staged - started) / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000);
            return new RetrievalStatistics(entities.rows(), views);
        } catch (SQLException e) {
            throw translate(e, "the entity rows");
        }
    }

    @Override
    public LatestStatistics latest(LatestQuery query, Consumer<ColumnBatch> sink, EngineListener listener) {
        requireNonNull(query, "query is null");
        requireNonNull(sink, "sink is null");
        requireNonNull(listener, "listener is null");
        ViewRead view = query.view();
        try (Staging staging = new Staging(store, processDirectory, io); DuckDBConnection connection = (DuckDBConnection) database.duplicate()) {
            listener.phase("staging the source of feature view %s".formatted(view.view()));
            Source source = source(connection, view, query.start(), query.end(), staging, false, Map.of());
            long total = source.rows() * 2;
            RowSchema schema = query.outputSchema();
            if (source.objects() == 0) {
                listener.progress(total, total);
                return new LatestStatistics(0, 0, Optional.empty(), 0);
            }
            listener.phase("finding the latest row per entity among %d rows".formatted(source.rows()));
            List<String> keys = new ArrayList<>();
            for (int index = 0; index < view.keys().size(); index++) {
                keys.add("__k%d".formatted(index));
            }
            // A window over the keys (measured faster than arg_max of a struct by (event, created) on 10M rows, 1M keys).
            String partition = String.join(", ", keys);
            StringBuilder sql = new StringBuilder("SELECT ");
            keys.forEach(key -> sql.append(key).append(", "));
            sql.append("__ts, __created");
            for (int index = 0; index < view.features().size(); index++) {
                sql.append(", __f").append(index);
            }
            sql.append(", count(*) OVER (PARTITION BY ").append(partition).append(") AS __n FROM (").append(source.sql()).append(") WHERE ")
                    .append(keys.stream().map(key -> key + " IS NOT NULL").collect(Collectors.joining(" AND ")))
                    .append(" QUALIFY row_number() OVER (PARTITION BY ").append(partition).append(" ORDER BY __ts DESC, __created DESC NULLS LAST) = 1");
            long rowsRead = 0;
            long entities = 0;
            long maxEvent = Long.MIN_VALUE;
            try (PreparedStatement statement = connection.prepareStatement(sql.toString());
                 ResultSet result = execute(statement, listener, source.rows(), total)) {
                List<ValueType> types = schema.columns().stream().map(Column::type).toList();
                boolean more = true;
                while (more) {
                    checkCancelled(listener);
                    List<ColumnVector.Builder> builders = Results.builders(schema.columns(), settings.batchSize());
                    int size = 0;
                    while (size < settings.batchSize() && (more = result.next())) {
                        for (int column = 0; column < types.size(); column++) {
                            Results.append(result, column + 1, types.get(column), builders.get(column));
                        }
                        rowsRead += result.getLong(types.size() + 1);
                        maxEvent = Math.max(maxEvent, result.getLong(view.keys().size() + 1));
                        size++;
                    }
                    if (size > 0) {
                        entities += size;
                        sink.accept(new ColumnBatch(schema, size, builders.stream().map(ColumnVector.Builder::build).toList()));
                        listener.progress(Math.min(total - 1, source.rows() + entities), total);
                    }
                }
            } catch (SQLException e) {
                throw translate(e, "the source of feature view '%s'".formatted(view.view()));
            }
            listener.progress(total, total);
            return new LatestStatistics(rowsRead, entities, entities == 0 ? Optional.empty() : Optional.of(Timestamps.fromMicros(maxEvent)), source.objects());
        } catch (SQLException e) {
            throw translate(e, "the source of feature view '%s'".formatted(view.view()));
        }
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException e) {
            LOG.warn("DuckDB did not close cleanly: {}", e.getMessage());
        }
        io.shutdownNow();
        watchdog.shutdownNow();
        WorkDirectories.delete(processDirectory);
    }

    /** The entity rows in a temporary table {@code entities (__row, __ts, __k0, ...)}: row number, timestamp, key columns. */
    private record Entities(long rows, long minTimestamp, long maxTimestamp, List<String> keyColumns, List<Path> files, Optional<ColumnBatch> inline) {
        String keyColumn(String entityColumn) {
            return "__k%d".formatted(keyColumns.indexOf(entityColumn));
        }

        /** Per source key column of the view, the values the entity rows hold (for a lookup's filter); empty when unknown or too many. */
        Map<String, Set<Object>> keyValues(ViewRead view) {
            if (inline.isEmpty() || inline.get().size() > LOOKUP_FILTER_LIMIT) {
                return Map.of();
            }
            Map<String, Set<Object>> values = new LinkedHashMap<>();
            for (KeyColumn key : view.keys()) {
                ColumnVector vector = inline.get().vector(key.entityColumn());
                ValueType type = vector.type();
                if (type != ValueType.INT32 && type != ValueType.INT64 && type != ValueType.STRING) {
                    continue;
                }
                Set<Object> keyValues = new LinkedHashSet<>();
                for (int row = 0; row < vector.size(); row++) {
                    if (!vector.isNull(row)) {
                        keyValues.add(vector.get(row));
                    }
                }
                values.put(key.sourceColumn(), keyValues);
            }
            return values;
        }
    }

    private Entities loadEntities(DuckDBConnection connection, Retrieval retrieval, Staging staging, boolean allEntityColumns) throws SQLException {
        EntityRows rows = retrieval.entities();
        List<String> keyColumns = retrieval.views().stream().flatMap(view -> view.keys().stream()).map(KeyColumn::entityColumn).distinct().toList();
        List<Path> files = List.of();
        Optional<ColumnBatch> inline = Optional.empty();
        try (Statement statement = connection.createStatement()) {
            if (rows instanceof EntityRows.Inline given) {
                inline = Optional.of(given.batch());
                StringBuilder create = new StringBuilder("CREATE TEMP TABLE entities (__row BIGINT, __ts BIGINT");
                for (int index = 0; index < keyColumns.size(); index++) {
                    ValueType type = rows.schema().column(rows.schema().requireIndex(keyColumns.get(index))).type();
                    create.append(", __k%d %s".formatted(index, Sql.type(type)));
                }
                statement.execute(create.append(")").toString());
                append(connection, given.batch(), retrieval.timestampColumn(), keyColumns);
            } else {
                EntityRows.Parquet parquet = (EntityRows.Parquet) rows;
                List<ParquetObject> objects;
                try {
                    objects = scanner.list(parquet.uri());
                } catch (ObjectNotFoundException e) {
                    throw new EngineFailedException(Reason.INVALID_ENTITY_ROWS, "the entity file %s does not exist".formatted(parquet.uri()), e);
                }
                if (objects.isEmpty()) {
                    throw new EngineFailedException(Reason.INVALID_ENTITY_ROWS, "no Parquet object under %s".formatted(parquet.uri()));
                }
                files = staging.stage(parquet.uri(), objects, false);
                // One object after the other, numbered on from the rows of the ones before.
                long offset = 0;
                for (int file = 0; file < files.size(); file++) {
                    StringBuilder select = new StringBuilder(file == 0 ? "CREATE TEMP TABLE entities AS SELECT file_row_number AS __row"
                            : "INSERT INTO entities SELECT file_row_number + %d AS __row".formatted(offset));
                    select.append(", epoch_us(%s) AS __ts".formatted(Sql.identifier(retrieval.timestampColumn())));
                    for (int index = 0; index < keyColumns.size(); index++) {
                        select.append(", %s AS __k%d".formatted(Sql.identifier(keyColumns.get(index)), index));
                    }
                    if (allEntityColumns) {
                        List<Column> columns = rows.schema().columns();
                        for (int index = 0; index < columns.size(); index++) {
                            select.append(", CAST(%s AS %s) AS __c%d".formatted(Sql.identifier(columns.get(index).name()), Sql.outputType(columns.get(index).type()), index));
                        }
                    }
                    select.append(" FROM read_parquet(%s, file_row_number = true, hive_partitioning = false)".formatted(Sql.literal(files.get(file).toString())));
                    statement.execute(select.toString());
                    try (ResultSet count = statement.executeQuery("SELECT count(*) FROM entities")) {
                        count.next();
                        offset = count.getLong(1);
                    }
                }
            }
            try (ResultSet result = statement.executeQuery("SELECT count(*), count(*) FILTER (WHERE __ts IS NULL), min(__row) FILTER (WHERE __ts IS NULL), "
                    + "min(__ts), max(__ts) FROM entities")) {
                result.next();
                long count = result.getLong(1);
                if (result.getLong(2) > 0) {
                    throw new EngineFailedException(Reason.INVALID_ENTITY_ROWS, "%s: entity row %d has no value in the event timestamp column '%s'"
                            .formatted(rows.description(), result.getLong(3), retrieval.timestampColumn()));
                }
                return new Entities(count, result.getLong(4), result.getLong(5), keyColumns, files, inline);
            }
        }
    }

    private static void append(DuckDBConnection connection, ColumnBatch batch, String timestampColumn, List<String> keyColumns) throws SQLException {
        ColumnVector timestamps = batch.vector(timestampColumn);
        List<ColumnVector> keys = keyColumns.stream().map(batch::vector).toList();
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "entities")) {
            for (int row = 0; row < batch.size(); row++) {
                appender.beginRow();
                appender.append((long) row);
                if (timestamps.isNull(row)) {
                    appender.appendNull();
                } else {
                    appender.append(timestamps.getLong(row));
                }
                for (ColumnVector key : keys) {
                    appendValue(appender, key, row);
                }
                appender.endRow();
            }
        }
    }

    private static void appendValue(DuckDBAppender appender, ColumnVector vector, int row) throws SQLException {
        if (vector.isNull(row)) {
            appender.appendNull();
            return;
        }
        switch (vector.type()) {
            case BOOL -> appender.append(vector.getLong(row) != 0);
            case INT32 -> appender.append((int) vector.getLong(row));
            case INT64, UNIX_TIMESTAMP -> appender.append(vector.getLong(row));
            case FLOAT32 -> appender.append((float) vector.getDouble(row));
            case FLOAT64 -> appender.append(vector.getDouble(row));
            case STRING -> appender.append((String) vector.get(row));
            case BYTES -> appender.append((byte[]) vector.get(row));
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new EngineFailedException(Reason.INVALID_ENTITY_ROWS, "column '%s' is %s: a list cannot be a join key"
                            .formatted(vector.column().name(), vector.type()));
        }
    }

    /**
     * A view's source as a relation {@code (__k0.., __ts, __created, __f0..)}: keys in the type they are compared in
     * ({@code forJoin}) or their declared type, timestamps in epoch microseconds, features in their declared types.
     */
    private record Source(String sql, long rows, int objects) {
    }

    private Source source(DuckDBConnection connection, ViewRead view, Instant from, Instant to, Staging staging, boolean forJoin,
            Map<String, Set<Object>> keyFilter) throws SQLException {
        ScanPlan plan = plan(view, from, to);
        if (forJoin && plan.objects().isEmpty()) {
            throw new EngineFailedException(Reason.SOURCE_UNREADABLE, "feature view '%s' reads %s, which holds no Parquet object".formatted(view.view(), view.source()));
        }
        plan.objects().forEach(object -> SourceCheck.check(view, object.schema(), object.object().uri().toString()));
        List<ScanPlan.PlannedObject> kept = plan.objects().stream().filter(object -> object.rows() > 0).toList();
        if (kept.isEmpty()) {
            return new Source("SELECT %s WHERE false".formatted(String.join(", ", sourceColumns(view, forJoin, Set.of(), true))), 0, 0);
        }
        // Objects with the same partition keys are read together; objects of different keys (pushed files beside the
        // date=... folders of a batch source) are read apart and unioned by name, a partition they lack being null.
        Map<Set<String>, List<ParquetObject>> byPartitionKeys = new LinkedHashMap<>();
        kept.forEach(object -> byPartitionKeys.computeIfAbsent(object.object().partitions().keySet(), keys -> new ArrayList<>()).add(object.object()));
        List<String> scans = new ArrayList<>();
        for (Map.Entry<Set<String>, List<ParquetObject>> group : byPartitionKeys.entrySet()) {
            boolean hive = !group.getKey().isEmpty();
            List<Path> paths = staging.stage(view.source(), group.getValue(), hive);
            String files = paths.stream().map(path -> Sql.literal(path.toString())).collect(Collectors.joining(", ", "[", "]"));
            scans.add("read_parquet(%s, union_by_name = true, hive_partitioning = %s%s)".formatted(files, hive, hive ? ", hive_types_autocast = false" : ""));
        }
        String scan = scans.size() == 1 ? scans.get(0)
                : scans.stream().map(one -> "SELECT * FROM " + one).collect(Collectors.joining(" UNION ALL BY NAME ", "(", ")"));
        StringBuilder sql = new StringBuilder("SELECT %s FROM %s WHERE %s BETWEEN %d AND %d".formatted(
                String.join(", ", sourceColumns(view, forJoin, columnNames(connection, scan), false)), scan,
                Sql.read(view.timestampColumn(), ValueType.UNIX_TIMESTAMP), Timestamps.toMicros(from), Timestamps.toMicros(to)));
        keyFilter.forEach((column, values) -> {
            if (!values.isEmpty()) {
                sql.append(" AND ").append(Sql.identifier(column)).append(" IN (")
                        .append(values.stream().map(value -> value instanceof String text ? Sql.literal(text) : value.toString()).collect(Collectors.joining(", ")))
                        .append(")");
            }
        });
        return new Source(sql.toString(), kept.stream().mapToLong(ScanPlan.PlannedObject::rows).sum(), kept.size());
    }

    /**
     * The objects of a view's source with rows in {@code [from, to]}, from their footers; only the view's columns are
     * read, so columns of other types (a DECIMAL, a STRUCT) do not matter.
     */
    private ScanPlan plan(ViewRead view, Instant from, Instant to) {
        try {
            return scanner.plan(ScanRequest.of(view.source()).withColumns(view.sourceColumns().toArray(String[]::new))
                    .withAbsentAsNull(view.featuresAbsentAsNull()).withTimeRange(new TimeRange(view.timestampColumn(), from, to)), io);
        } catch (ObjectNotFoundException e) {
            throw new EngineFailedException(Reason.SOURCE_UNREADABLE, "feature view '%s' reads %s, which does not exist".formatted(view.view(), view.source()), e);
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (OfflineStoreException e) {
            throw diagnose(view, e);
        }
    }

    /**
     * Why the footers of a view's source could not be planned: an object that cannot be read at all is
     * SOURCE_UNREADABLE; a column of the view that an object lacks, holds in a type that has no value type, or holds in
     * a type the view cannot read is SOURCE_SCHEMA_MISMATCH, named with the object. Runs only after a failure.
     */
    private EngineFailedException diagnose(ViewRead view, OfflineStoreException failure) {
        try {
            scanner.plan(ScanRequest.of(view.source()).withColumns(), io);
        } catch (OfflineStoreException e) {
            return unreadable(view, e);
        }
        Map<String, List<Column>> found = new LinkedHashMap<>();
        for (String name : view.sourceColumns()) {
            ScanPlan plan;
            try {
                Map<String, ValueType> absentAsNull = new LinkedHashMap<>(view.featuresAbsentAsNull());
                absentAsNull.keySet().retainAll(Set.of(name));
                plan = scanner.plan(ScanRequest.of(view.source()).withColumns(name).withAbsentAsNull(absentAsNull), io);
            } catch (OfflineStoreException e) {
                return new EngineFailedException(Reason.SOURCE_SCHEMA_MISMATCH, "feature view '%s' cannot read column '%s': %s"
                        .formatted(view.view(), name, e.getMessage()), e);
            }
            plan.objects().forEach(object -> found.computeIfAbsent(object.object().uri().toString(), ignored -> new ArrayList<>()).add(object.schema().column(0)));
        }
        try {
            found.forEach((object, columns) -> SourceCheck.check(view, new RowSchema(columns), object));
        } catch (EngineFailedException e) {
            return e;
        }
        return unreadable(view, failure);
    }

    private static EngineFailedException unreadable(ViewRead view, OfflineStoreException e) {
        return new EngineFailedException(Reason.SOURCE_UNREADABLE, "the source of feature view '%s' cannot be read: %s".formatted(view.view(), e.getMessage()), e);
    }

    /** The columns a query over {@code scan} returns (the union of its files' columns and partition keys). */
    private static Set<String> columnNames(DuckDBConnection connection, String scan) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM %s".formatted(scan))) {
            while (result.next()) {
                names.add(result.getString("column_name"));
            }
        }
        return names;
    }

    /**
     * The select list of a view's source relation: keys ({@code forJoin}: in the type they are compared in), event and
     * created timestamps in epoch microseconds, features in their declared types; a feature no file has is null, and
     * with {@code none} every column is null.
     */
    private static List<String> sourceColumns(ViewRead view, boolean forJoin, Set<String> present, boolean none) {
        List<String> columns = new ArrayList<>();
        for (int index = 0; index < view.keys().size(); index++) {
            KeyColumn key = view.keys().get(index);
            String type = forJoin ? Sql.keyType(key.type()) : Sql.type(key.type());
            columns.add(none ? "CAST(NULL AS %s) AS __k%d".formatted(type, index) : "CAST(%s AS %s) AS __k%d".formatted(Sql.identifier(key.sourceColumn()), type, index));
        }
        columns.add(none ? "CAST(NULL AS BIGINT) AS __ts" : "%s AS __ts".formatted(Sql.read(view.timestampColumn(), ValueType.UNIX_TIMESTAMP)));
        columns.add(view.createdColumn().filter(column -> !none)
                .map(column -> "%s AS __created".formatted(Sql.read(column, ValueType.UNIX_TIMESTAMP)))
                .orElse("CAST(NULL AS BIGINT) AS __created"));
        for (int index = 0; index < view.features().size(); index++) {
            FeatureColumn feature = view.features().get(index);
            columns.add(present.contains(feature.sourceColumn()) ? "%s AS __f%d".formatted(Sql.read(feature.sourceColumn(), feature.type()), index)
                    : "CAST(NULL AS %s) AS __f%d".formatted(Sql.type(feature.type()), index));
        }
        return columns;
    }

    private static String retrievalSql(Retrieval retrieval, Entities entities, List<Source> sources) {
        List<String> columns = new ArrayList<>();
        for (int index = 0; index < sources.size(); index++) {
            columns.add("v%d.__row IS NOT NULL".formatted(index));
            for (int feature = 0; feature < retrieval.views().get(index).features().size(); feature++) {
                columns.add("v%d.__f%d".formatted(index, feature));
            }
        }
        return retrievalSql(retrieval, entities, sources, columns);
    }

    /**
     * The point-in-time join: per view, the source row with the greatest (event, created) timestamps at or before each
     * entity row's and within the TTL; selects {@code e.__row} and {@code selected}, in entity row order.
     */
    private static String retrievalSql(Retrieval retrieval, Entities entities, List<Source> sources, List<String> selected) {
        StringBuilder sql = new StringBuilder("WITH ");
        for (int index = 0; index < sources.size(); index++) {
            ViewRead view = retrieval.views().get(index);
            sql.append("s%d AS (%s), ".formatted(index, sources.get(index).sql()));
            sql.append("v%d AS (SELECT e.__row".formatted(index));
            for (int feature = 0; feature < view.features().size(); feature++) {
                sql.append(", s.__f%d".formatted(feature));
            }
            sql.append(" FROM entities e JOIN s%d s ON ".formatted(index));
            List<String> conditions = new ArrayList<>();
            for (int key = 0; key < view.keys().size(); key++) {
                KeyColumn column = view.keys().get(key);
                conditions.add("CAST(e.%s AS %s) = s.__k%d".formatted(entities.keyColumn(column.entityColumn()), Sql.keyType(column.type()), key));
            }
            conditions.add("s.__ts <= e.__ts");
            if (!view.ttl().isZero()) {
                conditions.add("s.__ts >= e.__ts - %d".formatted(ttlMicros(view)));
            }
            sql.append(String.join(" AND ", conditions));
            sql.append(" QUALIFY row_number() OVER (PARTITION BY e.__row ORDER BY s.__ts DESC, s.__created DESC NULLS LAST) = 1)");
            sql.append(index + 1 < sources.size() ? ", " : " ");
        }
        sql.append("SELECT ");
        List<String> columns = new ArrayList<>();
        columns.add("e.__row");
        columns.addAll(selected);
        sql.append(String.join(", ", columns)).append(" FROM entities e");
        for (int index = 0; index < sources.size(); index++) {
            sql.append(" LEFT JOIN v%d ON v%d.__row = e.__row".formatted(index, index));
        }
        return sql.append(" ORDER BY e.__row").toString();
    }

    private static long ttlMicros(ViewRead view) {
        long seconds = view.ttl().getSeconds();
        // A ttl longer than the timestamps' range counts as that range.
        return seconds > 300L * 365 * 86_400 ? Long.MAX_VALUE / 4 : seconds * 1_000_000L + view.ttl().getNano() / 1_000;
    }

    /** Reads the result in the entity rows' order, beside them, and delivers both in batches. */
    private void zip(Retrieval retrieval, Entities entities, ResultSet result, Consumer<ColumnBatch> sink, EngineListener listener, long[] matched,
            long sourceRows, long total) {
        RowSchema schema = retrieval.outputSchema();
        RowSchema entitySchema = retrieval.entities().schema();
        List<Column> featureColumns = schema.columns().subList(entitySchema.size(), schema.size());
        long[] written = {0};
        Consumer<ColumnBatch> zipper = batch -> {
            checkCancelled(listener);
            List<ColumnVector.Builder> builders = Results.builders(featureColumns, batch.size());
            try {
                for (int row = 0; row < batch.size(); row++) {
                    if (!result.next()) {
                        throw new IllegalStateException("the join returned %d rows for %d entity rows".formatted(written[0] + row, entities.rows()));
                    }
                    if (result.getLong(1) != written[0] + row) {
                        throw new IllegalStateException("the join returned entity row %d in place %d".formatted(result.getLong(1), written[0] + row));
                    }
                    int column = 2;
                    int builder = 0;
                    for (int view = 0; view < retrieval.views().size(); view++) {
                        if (result.getBoolean(column++)) {
                            matched[view]++;
                        }
                        for (FeatureColumn feature : retrieval.views().get(view).features()) {
                            Results.append(result, column++, feature.type(), builders.get(builder++));
                        }
                    }
                }
            } catch (SQLException e) {
                throw translate(e, "the point-in-time join");
            }
            List<ColumnVector> vectors = new ArrayList<>(schema.size());
            entitySchema.names().forEach(name -> vectors.add(batch.vector(name)));
            builders.forEach(builder -> vectors.add(builder.build()));
            sink.accept(new ColumnBatch(schema, batch.size(), vectors));
            written[0] += batch.size();
            listener.progress(Math.min(total - 1, sourceRows + written[0]), total);
        };
        if (entities.inline().isPresent()) {
            ColumnBatch all = entities.inline().get();
            for (int from = 0; from < all.size(); from += settings.batchSize()) {
                int size = Math.min(settings.batchSize(), all.size() - from);
                int start = from;
                zipper.accept(new ColumnBatch(all.schema(), size, all.vectors().stream().map(vector -> vector.slice(start, size)).toList()));
            }
        } else {
            try (LocalObjectStore local = new LocalObjectStore()) {
                ParquetScanner files = new ParquetScanner(local);
                for (Path file : entities.files()) {
                    files.scanBatches(ScanRequest.of(StorageUri.of(file)).withColumns(entitySchema.names().toArray(String[]::new)), settings.batchSize(),
                            Runnable::run, object -> zipper);
                }
            }
        }
    }

    /**
     * Runs a query, cancelling it when the listener asks and reporting DuckDB's progress meanwhile. The watchdog stops
     * before the result is read: DuckDB's progress call while a streamed result is fetched reorders its chunks.
     */
    private ResultSet execute(PreparedStatement statement, EngineListener listener, long workRows, long total) throws SQLException {
        return watched(statement, listener, workRows, total, PreparedStatement::executeQuery);
    }

    /** A statement's execution, watched as {@link #execute} describes. */
    private interface Execution<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private <T> T watched(PreparedStatement statement, EngineListener listener, long workRows, long total, Execution<T> execution) throws SQLException {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean executing = new AtomicBoolean(true);
        Object watching = new Object();
        DuckDBPreparedStatement duckdb = statement.unwrap(DuckDBPreparedStatement.class);
        ScheduledFuture<?> poll = watchdog.scheduleWithFixedDelay(() -> {
            synchronized (watching) {
                if (!executing.get()) {
                    return;
                }
                try {
                    if (listener.cancelRequested()) {
                        if (cancelled.compareAndSet(false, true)) {
                            duckdb.cancel();
                        }
                        return;
                    }
                    QueryProgress progress = duckdb.getQueryProgress();
                    if (progress != null && progress.getPercentage() >= 0) {
                        listener.progress(Math.min(total - 1, (long) (workRows * progress.getPercentage() / 100)), total);
                    }
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("Query progress unavailable: {}", e.getMessage());
                }
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        try {
            return execution.run(statement);
        } catch (SQLException e) {
            if (cancelled.get()) {
                throw new EngineCancelledException();
            }
            throw e;
        } finally {
            poll.cancel(false);
            synchronized (watching) {
                executing.set(false);
            }
        }
    }

    private static void checkCancelled(EngineListener listener) {
        if (listener.cancelRequested()) {
            throw new EngineCancelledException();
        }
    }

    /** A DuckDB error as an engine failure: conversions are the data's fault, I/O and format errors the files'. */
    private EngineFailedException translate(SQLException e, String what) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Out of Memory Error")) {
            return new EngineFailedException(Reason.ENGINE_ERROR, ("%s ran out of DuckDB's memory limit of %d MB (%s); raise "
                    + "featurestore.offline-engine.memory-limit or run fewer jobs at once").formatted(what, settings.memoryLimitBytes() >> 20,
                    message.lines().findFirst().orElse(message)), e);
        }
        if (message.contains("Invalid result set")) {
            // What DuckDB's JDBC driver says when the computation of a streamed result fails, whatever the cause.
            return new EngineFailedException(Reason.ENGINE_ERROR, ("%s failed while DuckDB computed the result, without a cause; the usual one "
                    + "is its memory limit of %d MB: raise featurestore.offline-engine.memory-limit or run fewer jobs at once")
                    .formatted(what, settings.memoryLimitBytes() >> 20), e);
        }
        Reason reason;
        if (message.contains("Conversion Error") || message.contains("Mismatch Type Error")) {
            reason = Reason.SOURCE_SCHEMA_MISMATCH;
        } else if (message.contains("IO Error") || message.contains("Invalid Input Error")) {
            reason = Reason.SOURCE_UNREADABLE;
        } else {
            reason = Reason.ENGINE_ERROR;
        }
        return new EngineFailedException(reason, "%s failed in DuckDB: %s".formatted(what, message.lines().findFirst().orElse(message)), e);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, "%s-%d".formatted(name, count.incrementAndGet()));
            thread.setDaemon(true);
            return thread;
        };
    }
}
