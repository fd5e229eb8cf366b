package dev.featurestore.materialization.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.materialization.domain.statistics.FeatureStatisticsCollector;
import dev.featurestore.offlineengine.EngineCancelledException;
import dev.featurestore.offlineengine.EngineFailedException;
import dev.featurestore.offlineengine.EngineListener;
import dev.featurestore.offlineengine.FeatureColumn;
import dev.featurestore.offlineengine.KeyColumn;
import dev.featurestore.offlineengine.LatestQuery;
import dev.featurestore.offlineengine.LatestStatistics;
import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlineengine.ViewRead;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.onlinestore.OnlineExpiry;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.runtime.error.FeatureStoreException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of one feature view over one window: the offline engine finds the latest row per entity of the window in
 * the view's offline source (every source object checked against the view first; only the view's columns and the
 * row groups that can hold rows of the window are read) and hands those rows over in batches; each batch becomes
 * online records, written in pipelined writes (newer-wins, expiring at event + ttl + retention) while the statistics
 * of the values written and a uniform sample of their entities are gathered.
 */
public final class ViewMaterializer {
    private static final Logger LOG = LoggerFactory.getLogger(ViewMaterializer.class);

    private final OfflineEngine engine;
    private final OnlineStore onlineStore;
    private final Settings settings;

    public ViewMaterializer(OfflineEngine engine, OnlineStore onlineStore, Settings settings) {
        this.engine = requireNonNull(engine, "engine is null");
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
     * @param sampleSize entities sampled (uniformly, among those written) for the skew check
     */
    public record Settings(int writeBatchSize, int writesInFlight, Duration writeTimeout, Duration expiryRetention, int sampleSize) {
        public Settings {
            requireNonNull(writeTimeout, "writeTimeout is null");
            if (writeBatchSize < 1 || writesInFlight < 1 || sampleSize < 0) {
                throw new IllegalArgumentException("write batch size %d and writes in flight %d must be positive, sample size %d not negative"
                        .formatted(writeBatchSize, writesInFlight, sampleSize));
            }
        }
    }

    /**
     * What one pass did.
     *
     * @param rowsRead rows of the window read
     * @param written entities whose online record the pass replaced
     * @param unchanged entities whose online record was as new or newer
     * @param expired entities whose latest row had expired already (not sent)
     * @param maxEventTimestamp the greatest event timestamp of the window's rows
     * @param statistics per feature, of the latest values
     * @param sample join key values of entities drawn uniformly among the latest rows, for the skew check
     */
    public record Outcome(long rowsRead, long written, long unchanged, long expired, Optional<Instant> maxEventTimestamp,
            Map<String, FeatureStatistics> statistics, List<Object[]> sample) {
        public Outcome {
            requireNonNull(maxEventTimestamp, "maxEventTimestamp is null");
            requireNonNull(statistics, "statistics is null");
            requireNonNull(sample, "sample is null");
        }
    }

    /**
     * Materializes {@code [start, end]} of the view.
     *
     * @throws FeatureStoreException {@code SOURCE_UNREADABLE} or {@code SOURCE_SCHEMA_MISMATCH} with the engine's
     *     message naming the object, the column and the types, {@code ONLINE_STORE_FAILED}; a failure leaves the online
     *     records written so far (they are newer-wins, so none is older than what it replaced)
     * @throws RunStoppedException when the listener asks the pass to stop
     */
    public Outcome materialize(ResolvedFeatureView view, Instant start, Instant end, RunListener listener) {
        LatestQuery query = new LatestQuery(viewRead(view), start, end);
        LatestRowWriter writer = new LatestRowWriter(view, listener);
        long started = System.nanoTime();
        LatestStatistics latest;
        try {
            latest = engine.latest(query, writer::write, new RunEngineListener(listener));
        } catch (EngineCancelledException e) {
            throw new RunStoppedException("stopped while reading the source of feature view '%s'".formatted(view.name()));
        } catch (EngineFailedException e) {
            throw runFailure(e);
        }
        WriteResult written = writer.finish();
        long finished = System.nanoTime();
        long firstBatch = writer.firstBatchNanos == 0 ? finished : writer.firstBatchNanos;
        LOG.info("{}: {} read {} rows of {} objects, {} entities; first of them after {} ms, all written after {} ms ({} written, {} unchanged, {} expired)",
                view.name(), engine.name(), latest.rowsRead(), latest.sourceObjects(), latest.entities(), (firstBatch - started) / 1_000_000,
                (finished - started) / 1_000_000, written.written(), written.unchanged(), written.expired());
        return new Outcome(latest.rowsRead(), written.written(), written.unchanged(), written.expired(), latest.maxEventTimestamp(), writer.statistics(),
                writer.sample);
    }

    /**
     * What the engine reads of the view: its offline source (the parquet source, or the {@code batch_source} of a push
     * or kafka source), its timestamps, and its join keys and features under their file columns (through the source's
     * {@code field_mapping}).
     *
     * @throws FeatureStoreException {@code SOURCE_UNREADABLE} when the source's path is not a storage URI
     */
    static ViewRead viewRead(ResolvedFeatureView view) {
        Map<String, String> columnOf = new HashMap<>();
        view.fieldMapping().forEach((column, name) -> columnOf.put(name, column));
        List<KeyColumn> keys = view.joinKeys().stream()
                .map(key -> new KeyColumn(key.name(), columnOf.getOrDefault(key.name(), key.name()), key.valueType())).toList();
        List<FeatureColumn> features = view.schema().stream()
                .map(field -> new FeatureColumn(columnOf.getOrDefault(field.name(), field.name()), field.name(), field.dtype())).toList();
        StorageUri source;
        try {
            source = StorageUri.parse(view.offlineSource().path());
        } catch (IllegalArgumentException e) {
            throw new FeatureStoreException(MaterializationErrorCode.SOURCE_UNREADABLE, "The offline source '%s' of feature view '%s' cannot be read: %s"
                    .formatted(view.offlineSource().name(), view.name(), e.getMessage()), e);
        }
        return new ViewRead(view.name(), source, view.timestampField(), view.createdTimestampColumn(), keys, features, view.ttl());
    }

    /** The engine's failure as the run's: source errors by their codes with the engine's message; anything else as it is. */
    private static RuntimeException runFailure(EngineFailedException e) {
        return switch (e.reason()) {
            case SOURCE_SCHEMA_MISMATCH -> new FeatureStoreException(MaterializationErrorCode.SOURCE_SCHEMA_MISMATCH, e.getMessage(), e);
            case SOURCE_UNREADABLE -> new FeatureStoreException(MaterializationErrorCode.SOURCE_UNREADABLE, e.getMessage(), e);
            case INVALID_ENTITY_ROWS, ENGINE_ERROR -> e;
        };
    }

    /** The run's listener as the engine's: its phases and progress go to the run, and a stop request cancels the call. */
    private record RunEngineListener(RunListener run) implements EngineListener {
        @Override
        public void phase(String description) {
            run.phase(description);
        }

        @Override
        public void progress(long done, long total) {
            run.progress(done, total);
        }

        @Override
        public boolean cancelRequested() {
            return run.stopRequested();
        }
    }

    /**
     * Turns the engine's batches of latest rows (keys, event and created timestamps, features, in
     * {@link LatestQuery#outputSchema()}'s order) into online records and writes them, gathering the statistics and the
     * sample on the way. Called on the engine's delivering thread only.
     */
    private final class LatestRowWriter {
        private final ResolvedFeatureView view;
        private final RunListener listener;
        private final List<JoinKey> joinKeys;
        private final List<Field> features;
        private final OnlineSchema schema;
        private final List<FeatureStatisticsCollector> collectors;
        private final Deque<CompletableFuture<WriteResult>> inFlight = new ArrayDeque<>();
        private final List<Object[]> sample = new ArrayList<>();
        private final Random random = new Random();
        private List<RecordWrite> pending;
        private WriteResult result = WriteResult.NONE;
        private long entities;
        private long firstBatchNanos;

        LatestRowWriter(ResolvedFeatureView view, RunListener listener) {
            this.view = view;
            this.listener = listener;
            this.joinKeys = view.joinKeys();
            this.features = view.schema();
            this.schema = OnlineSchema.of(features);
            this.collectors = features.stream().map(field -> new FeatureStatisticsCollector(field.dtype())).toList();
            this.pending = new ArrayList<>(settings.writeBatchSize());
        }

        void write(ColumnBatch batch) {
            if (firstBatchNanos == 0) {
                firstBatchNanos = System.nanoTime();
                listener.phase("writing the latest row per entity");
            }
            int keyCount = joinKeys.size();
            ColumnVector events = batch.vector(keyCount);
            ColumnVector created = batch.vector(keyCount + 1);
            for (int row = 0; row < batch.size(); row++) {
                Object[] keyValues = new Object[keyCount];
                for (int index = 0; index < keyCount; index++) {
                    keyValues[index] = batch.vector(index).get(row);
                }
                Object[] values = new Object[features.size()];
                for (int index = 0; index < values.length; index++) {
                    values[index] = batch.vector(keyCount + 2 + index).get(row);
                    collectors.get(index).add(values[index]);
                }
                offerToSample(keyValues);
                Instant event = (Instant) events.get(row);
                pending.add(new RecordWrite(OnlineKeys.recordKey(view.project(), view.name(), joinKeys, Arrays.asList(keyValues)), schema,
                        new OnlineRecord(event, (Instant) created.get(row), Arrays.asList(values)),
                        OnlineExpiry.expireAt(event, view.ttl(), settings.expiryRetention())));
                if (pending.size() == settings.writeBatchSize()) {
                    send();
                }
            }
        }

        /** Reservoir sampling: each entity seen so far is in the sample with the same probability. */
        private void offerToSample(Object[] keyValues) {
            entities++;
            if (sample.size() < settings.sampleSize()) {
                sample.add(keyValues);
            } else if (settings.sampleSize() > 0) {
                long slot = (long) (random.nextDouble() * entities);
                if (slot < settings.sampleSize()) {
                    sample.set((int) slot, keyValues);
                }
            }
        }

        private void send() {
            if (listener.stopRequested()) {
                throw new RunStoppedException("stopped while writing feature view '%s'".formatted(view.name()));
            }
            while (inFlight.size() >= settings.writesInFlight()) {
                result = result.plus(OnlineWrites.await(inFlight.removeFirst(), settings.writeTimeout()));
            }
            inFlight.addLast(onlineStore.write(pending));
            pending = new ArrayList<>(settings.writeBatchSize());
        }

        /** Sends what is left and waits for every write. */
        WriteResult finish() {
            if (!pending.isEmpty()) {
                send();
            }
            while (!inFlight.isEmpty()) {
                result = result.plus(OnlineWrites.await(inFlight.removeFirst(), settings.writeTimeout()));
            }
            return result;
        }

        Map<String, FeatureStatistics> statistics() {
            Map<String, FeatureStatistics> statistics = new LinkedHashMap<>();
            for (int index = 0; index < features.size(); index++) {
                statistics.put(features.get(index).name(), collectors.get(index).statistics());
            }
            return statistics;
        }
    }
}
