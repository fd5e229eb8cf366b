package dev.featurestore.materialization.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.materialization.domain.statistics.FeatureStatisticsCollector;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnTypes;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.OfflineStoreException;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.ScanPlan;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.offlinestore.TimeRange;
import dev.featurestore.onlinestore.OnlineExpiry;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.work.DaemonThreads;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of one feature view over one window: reads the view's offline source (only its columns, only row groups
 * that can hold rows of the window; {@code readThreads} objects at once), keeps the latest row per entity, then writes those to the online store in
 * pipelined batches (newer-wins, expiring at event + ttl + retention) while gathering the statistics of the values
 * written. The source is checked against the view from the files' footers before any row is read.
 */
public final class ViewMaterializer {
    private static final Logger LOG = LoggerFactory.getLogger(ViewMaterializer.class);
    private static final int READ_BATCH_ROWS = 4096;

    private final ParquetScanner scanner;
    private final OnlineStore onlineStore;
    private final Settings settings;

    public ViewMaterializer(ObjectStore offlineStore, OnlineStore onlineStore, Settings settings) {
        this.scanner = new ParquetScanner(requireNonNull(offlineStore, "offlineStore is null"));
        this.onlineStore = requireNonNull(onlineStore, "onlineStore is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * How the pass writes.
     *
     * @param writeBatchSize records per online-store write
     * @param writesInFlight writes sent without waiting for the earlier ones
     * @param writeTimeout how long one write may take
     * @param expiryRetention how long past its ttl a record stays readable as OUTSIDE_MAX_AGE; null for the ttl itself
     * @param memoryBudgetBytes bytes of latest rows a pass holds in memory before it spills them to disk
     * @param spillDirectory where spill files go
     * @param spillPartitions spill files per pass (each read back into memory on its own)
     * @param sampleSize entities sampled (uniformly, among those written) for the skew check
     * @param readThreads source objects read (decoded) at once
     */
    public record Settings(int writeBatchSize, int writesInFlight, Duration writeTimeout, Duration expiryRetention, long memoryBudgetBytes,
            Path spillDirectory, int spillPartitions, int sampleSize, int readThreads) {
        public Settings {
            requireNonNull(writeTimeout, "writeTimeout is null");
            requireNonNull(spillDirectory, "spillDirectory is null");
        }
    }

    /**
     * What one pass did.
     *
     * @param rowsRead rows of the window read
     * @param written entities whose online record the pass replaced
     * @param unchanged entities whose online record was as new or newer
     * @param expired entities whose latest row had expired already (not sent)
     * @param maxEventTimestamp the greatest event timestamp read
     * @param statistics per feature, of the latest values
     * @param spilled whether the latest rows went past the memory budget to spill files
     * @param sample join key values of entities drawn uniformly among the latest rows, for the skew check
     */
    public record Outcome(long rowsRead, long written, long unchanged, long expired, Optional<Instant> maxEventTimestamp,
            Map<String, FeatureStatistics> statistics, boolean spilled, List<Object[]> sample) {
    }

    /**
     * Materializes {@code [start, end]} of the view.
     *
     * @throws FeatureStoreException {@code SOURCE_UNREADABLE} or {@code SOURCE_SCHEMA_MISMATCH} naming the object and
     *     column, {@code ONLINE_STORE_FAILED}; a failure leaves the online records written so far (they are
     *     newer-wins, so none is older than what it replaced)
     * @throws RunStoppedException when the listener asks the pass to stop
     */
    public Outcome materialize(ResolvedFeatureView view, Instant start, Instant end, RunListener listener) {
        Binding binding = Binding.of(view);
        ScanRequest request = new ScanRequest(StorageUri.parse(view.offlineSource().path()), Optional.of(binding.columns()),
                Optional.of(new TimeRange(view.timestampField(), start, end))).withAbsentAsNull(binding.absentAsNull());
        listener.phase("planning");
        ScanPlan plan;
        try {
            plan = scanner.plan(request);
        } catch (OfflineStoreException e) {
            throw new FeatureStoreException(MaterializationErrorCode.SOURCE_UNREADABLE,
                    "The offline source '%s' of feature view '%s' cannot be read: %s".formatted(view.offlineSource().name(), view.name(), e.getMessage()), e);
        }
        for (ScanPlan.PlannedObject object : plan.objects()) {
            binding.check(object.schema(), object.object().uri().toString());
        }
        long total = plan.rows();
        long readStarted = System.nanoTime();
        listener.phase("reading");
        listener.progress(0, total);
        try (LatestRows latest = new LatestRows(view.joinKeys(), view.schema(), settings.memoryBudgetBytes(), settings.spillDirectory(),
                settings.spillPartitions())) {
            long[] read = {0};
            Instant[] maxEvent = {null};
            ExecutorService readers = Executors.newFixedThreadPool(settings.readThreads(), DaemonThreads.named("materialization-read"));
            try {
                scanner.scanBatches(request, READ_BATCH_ROWS, readers, object -> batch -> {
                    if (listener.stopRequested()) {
                        throw new RunStoppedException("stopped while reading %s".formatted(object.uri()));
                    }
                    List<LatestRows.Latest> rows = binding.rows(view, batch, object.uri().toString());
                    synchronized (latest) {
                        for (LatestRows.Latest row : rows) {
                            latest.offer(row);
                            if (maxEvent[0] == null || row.event().isAfter(maxEvent[0])) {
                                maxEvent[0] = row.event();
                            }
                        }
                        read[0] += rows.size();
                        listener.progress(read[0], total);
                    }
                });
            } catch (OfflineStoreException e) {
                throw new FeatureStoreException(MaterializationErrorCode.SOURCE_UNREADABLE,
                        "The offline source '%s' of feature view '%s' cannot be read: %s".formatted(view.offlineSource().name(), view.name(), e.getMessage()), e);
            } finally {
                readers.shutdownNow();
            }
            long readNanos = System.nanoTime() - readStarted;
            listener.phase(latest.spilled()
                    ? "writing (%d rows spilled to disk past the memory budget)".formatted(latest.spilledRows())
                    : "writing %d entities".formatted(latest.sizeInMemory()));
            Map<String, FeatureStatistics> statistics = new LinkedHashMap<>();
            List<Object[]> sample = new ArrayList<>();
            long writeStarted = System.nanoTime();
            WriteResult written = write(view, latest, statistics, sample, listener);
            LOG.info("{}: read {} rows of {} objects in {} ms{}, wrote {} entities in {} ms", view.name(), read[0], plan.objects().size(),
                    readNanos / 1_000_000, latest.spilled() ? " (spilled %d rows past the memory budget)".formatted(latest.spilledRows()) : "",
                    written.written() + written.unchanged() + written.expired(), (System.nanoTime() - writeStarted) / 1_000_000);
            return new Outcome(read[0], written.written(), written.unchanged(), written.expired(), Optional.ofNullable(maxEvent[0]), statistics,
                    latest.spilled(), sample);
        }
    }

    private WriteResult write(ResolvedFeatureView view, LatestRows latest, Map<String, FeatureStatistics> statistics, List<Object[]> sample,
            RunListener listener) {
        Random random = new Random();
        long[] seen = {0};
        OnlineSchema schema = OnlineSchema.of(view.schema());
        List<FeatureStatisticsCollector> collectors = view.schema().stream().map(field -> new FeatureStatisticsCollector(field.dtype())).toList();
        Deque<CompletableFuture<WriteResult>> inFlight = new ArrayDeque<>();
        WriteResult[] result = {WriteResult.NONE};
        List<RecordWrite> batch = new ArrayList<>(settings.writeBatchSize());
        latest.forEach(row -> {
            seen[0]++;
            if (sample.size() < settings.sampleSize()) {
                sample.add(row.keyValues());
            } else if (settings.sampleSize() > 0) {
                long slot = (long) (random.nextDouble() * seen[0]);
                if (slot < settings.sampleSize()) {
                    sample.set((int) slot, row.keyValues());
                }
            }
            for (int index = 0; index < collectors.size(); index++) {
                collectors.get(index).add(row.values()[index]);
            }
            batch.add(new RecordWrite(row.key(), schema, new OnlineRecord(row.event(), row.created(), Arrays.asList(row.values())),
                    OnlineExpiry.expireAt(row.event(), view.ttl(), settings.expiryRetention())));
            if (batch.size() == settings.writeBatchSize()) {
                send(batch, inFlight, result, listener);
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            send(batch, inFlight, result, listener);
        }
        while (!inFlight.isEmpty()) {
            result[0] = result[0].plus(OnlineWrites.await(inFlight.removeFirst(), settings.writeTimeout()));
        }
        for (int index = 0; index < collectors.size(); index++) {
            statistics.put(view.schema().get(index).name(), collectors.get(index).statistics());
        }
        return result[0];
    }

    private void send(List<RecordWrite> batch, Deque<CompletableFuture<WriteResult>> inFlight, WriteResult[] result, RunListener listener) {
        if (listener.stopRequested()) {
            throw new RunStoppedException("stopped while writing");
        }
        while (inFlight.size() >= settings.writesInFlight()) {
            result[0] = result[0].plus(OnlineWrites.await(inFlight.removeFirst(), settings.writeTimeout()));
        }
        inFlight.addLast(onlineStore.write(List.copyOf(batch)));
    }

    /**
     * Where each of the view's names is in the source files (through the source's field mapping), and the check of
     * a file's columns against the view.
     */
    private record Binding(List<JoinKey> keys, List<String> keyColumns, String timestampColumn, Optional<String> createdColumn,
            List<Field> features, List<String> featureColumns) {

        static Binding of(ResolvedFeatureView view) {
            Map<String, String> columnOf = new HashMap<>();
            view.fieldMapping().forEach((column, name) -> columnOf.put(name, column));
            List<JoinKey> keys = view.joinKeys();
            return new Binding(keys, keys.stream().map(key -> columnOf.getOrDefault(key.name(), key.name())).toList(),
                    view.timestampField(), view.createdTimestampColumn(), view.schema(),
                    view.schema().stream().map(field -> columnOf.getOrDefault(field.name(), field.name())).toList());
        }

        /**
         * The feature columns a source object may lack, in their declared types (it holds no value of them: written
         * before the feature was added, or by a stream or push carrying other features). Keys and timestamps are required.
         */
        Map<String, ValueType> absentAsNull() {
            Map<String, ValueType> optional = new LinkedHashMap<>();
            for (int index = 0; index < features.size(); index++) {
                String column = featureColumns.get(index);
                if (!keyColumns.contains(column) && !column.equals(timestampColumn) && !createdColumn.map(column::equals).orElse(false)) {
                    optional.putIfAbsent(column, features.get(index).dtype());
                }
            }
            return optional;
        }

        /** The columns to read, each once: keys, timestamps, features. */
        List<String> columns() {
            List<String> columns = new ArrayList<>(keyColumns);
            columns.add(timestampColumn);
            createdColumn.ifPresent(columns::add);
            columns.addAll(featureColumns);
            return columns.stream().distinct().toList();
        }

        /** @throws FeatureStoreException {@code SOURCE_SCHEMA_MISMATCH} naming the object, the column and both types */
        void check(RowSchema schema, String origin) {
            for (int index = 0; index < keys.size(); index++) {
                ValueType found = type(schema, keyColumns.get(index), origin);
                if (!ColumnTypes.keyCompatible(found, keys.get(index).valueType())) {
                    throw mismatch(origin, keyColumns.get(index), found, "join key '%s' is %s".formatted(keys.get(index).name(), keys.get(index).valueType()));
                }
            }
            requireTimestamp(schema, timestampColumn, origin, "event timestamp");
            createdColumn.ifPresent(column -> requireTimestamp(schema, column, origin, "created timestamp"));
            for (int index = 0; index < features.size(); index++) {
                ValueType found = type(schema, featureColumns.get(index), origin);
                if (!ColumnTypes.featureCompatible(found, features.get(index).dtype())) {
                    throw mismatch(origin, featureColumns.get(index), found, "feature '%s' is %s".formatted(features.get(index).name(), features.get(index).dtype()));
                }
            }
        }

        /** The batch's rows as candidates of the latest rows, with keys and values in the view's types (no shared state: runs on any reader). */
        List<LatestRows.Latest> rows(ResolvedFeatureView view, ColumnBatch batch, String origin) {
            List<ColumnVector> keyVectors = keyColumns.stream().map(batch::vector).toList();
            List<ColumnVector> featureVectors = featureColumns.stream().map(batch::vector).toList();
            ColumnVector events = batch.vector(timestampColumn);
            ColumnVector created = createdColumn.map(batch::vector).orElse(null);
            List<LatestRows.Latest> rows = new ArrayList<>(batch.size());
            for (int row = 0; row < batch.size(); row++) {
                Object[] keyValues = new Object[keys.size()];
                for (int index = 0; index < keyValues.length; index++) {
                    ColumnVector vector = keyVectors.get(index);
                    Object value = vector.get(row);
                    if (value == null) {
                        throw new FeatureStoreException(MaterializationErrorCode.SOURCE_SCHEMA_MISMATCH,
                                "A row of %s has no value for join key column '%s' of feature view '%s'".formatted(origin, keyColumns.get(index), view.name()));
                    }
                    keyValues[index] = convert(value, vector.type(), keys.get(index).valueType(), origin, keyColumns.get(index));
                }
                Instant event = (Instant) events.get(row);
                Instant createdAt = created == null ? null : (Instant) created.get(row);
                String key = OnlineKeys.recordKey(view.project(), view.name(), keys, Arrays.asList(keyValues));
                Object[] values = new Object[features.size()];
                for (int index = 0; index < values.length; index++) {
                    ColumnVector vector = featureVectors.get(index);
                    values[index] = convert(vector.get(row), vector.type(), features.get(index).dtype(), origin, featureColumns.get(index));
                }
                rows.add(new LatestRows.Latest(key, keyValues, event, createdAt, values));
            }
            return rows;
        }

        private static Object convert(Object value, ValueType found, ValueType declared, String origin, String column) {
            try {
                return ColumnTypes.convert(value, found, declared);
            } catch (ArithmeticException | IllegalArgumentException e) {
                throw new FeatureStoreException(MaterializationErrorCode.SOURCE_SCHEMA_MISMATCH,
                        "Column '%s' of %s holds %s, which does not fit %s".formatted(column, origin, value, declared), e);
            }
        }

        private static ValueType type(RowSchema schema, String column, String origin) {
            return schema.indexOf(column).stream().mapToObj(index -> schema.column(index).type()).findFirst()
                    .orElseThrow(() -> new FeatureStoreException(MaterializationErrorCode.SOURCE_SCHEMA_MISMATCH,
                            "No column '%s' in %s (columns: %s)".formatted(column, origin, schema.names())));
        }

        private static void requireTimestamp(RowSchema schema, String column, String origin, String role) {
            ValueType found = type(schema, column, origin);
            if (found != ValueType.UNIX_TIMESTAMP) {
                throw mismatch(origin, column, found, "the %s is UNIX_TIMESTAMP".formatted(role));
            }
        }

        private static FeatureStoreException mismatch(String origin, String column, ValueType found, String expected) {
            return new FeatureStoreException(MaterializationErrorCode.SOURCE_SCHEMA_MISMATCH,
                    "Column '%s' of %s is %s, but the %s".formatted(column, origin, found, expected));
        }
    }
}
