package dev.featurestore.materialization.domain.stream;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.KafkaSource;
import dev.featurestore.contracts.definition.ParquetSource;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.events.IngestionRejected;
import dev.featurestore.contracts.json.ContractsJson;
import dev.featurestore.contracts.json.JsonTypedValues;
import dev.featurestore.contracts.json.TimestampRange;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.materialization.domain.MaterializationErrorCode;
import dev.featurestore.materialization.domain.OnlineWrites;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.OfflineStoreException;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageRoots;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.onlinestore.OnlineExpiry;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.runtime.error.FeatureStoreException;
import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Stream ingestion of kafka sources: each record of a source's topic is one JSON object holding the join keys, the
 * event timestamp (RFC 3339 or epoch milliseconds), optionally the created timestamp, and features of the views whose
 * source it is (named through the source's {@code field_mapping}; a feature that is absent is null, other fields are
 * ignored). A record that is not such an object, lacks a join key or the timestamp, or holds a value of the wrong type
 * is rejected with the reason (it goes to the dead-letter topic; the partition moves on). The others are written to
 * the online store (newer-wins, expiring at event + ttl + retention) for every online view of the source, then
 * appended offline as one Parquet object per partition and batch under the source's {@code batch_source} path,
 * named after the offsets it holds (a batch read again after a failure writes the same object again).
 */
public final class StreamIngestion {
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final RegistryClient registry;
    private final OnlineStore onlineStore;
    private final ObjectStore offlineStore;
    private final StorageRoots roots;
    private final Duration writeTimeout;
    private final Duration expiryRetention;

    private final TimestampRange timestampRange;

    public StreamIngestion(RegistryClient registry, OnlineStore onlineStore, ObjectStore offlineStore, StorageRoots roots, Duration writeTimeout,
                           Duration expiryRetention, TimestampRange timestampRange) {
        this.timestampRange = requireNonNull(timestampRange, "timestampRange is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.onlineStore = requireNonNull(onlineStore, "onlineStore is null");
        this.offlineStore = requireNonNull(offlineStore, "offlineStore is null");
        this.roots = requireNonNull(roots, "roots is null");
        this.writeTimeout = requireNonNull(writeTimeout, "writeTimeout is null");
        this.expiryRetention = expiryRetention;
    }

    /** One record read from a topic. */
    public record StreamRecord(String topic, int partition, long offset, String key, String value) {
    }

    /**
     * What ingesting a batch did.
     *
     * @param accepted records written online and offline
     * @param written online records replaced
     * @param unchanged online records left as they were (as new or newer)
     * @param landed the Parquet objects written
     * @param rejected the records rejected, for the dead-letter topic
     * @param views what each online view of the source got
     */
    public record Outcome(long accepted, long written, long unchanged, List<String> landed, List<IngestionRejected> rejected, List<ViewBatch> views) {
    }

    /**
     * The rows of a batch one online view got.
     *
     * @param view the view
     * @param values each row's feature values, in the view's schema order
     * @param minEvent the smallest event timestamp of the rows
     * @param maxEvent the greatest
     * @param written online records of the view replaced
     * @param unchanged online records of the view left as they were
     */
    public record ViewBatch(ResolvedFeatureView view, List<Object[]> values, Instant minEvent, Instant maxEvent, long written, long unchanged) {
    }

    /**
     * A record's event and created timestamps must lie in the range written timestamps share (1900 to now +
     * featurestore.materialization.max-future-skew): one far in the future would win every later newer-wins write.
     */
    private Typed inRange(Typed typed, KafkaSource source, Instant now) {
        timestampRange.problem(typed.event(), now).ifPresent(problem -> {
            throw new IllegalArgumentException("%s: %s".formatted(source.timestampField(), problem));
        });
        if (typed.created() != null) {
            timestampRange.problem(typed.created(), now).ifPresent(problem -> {
                throw new IllegalArgumentException("%s: %s".formatted(source.createdTimestampColumn(), problem));
            });
        }
        return typed;
    }

    /**
     * Ingests a batch of one topic's records for a kafka source.
     *
     * @throws FeatureStoreException when the source is no longer a kafka source, or the online or offline store fails;
     *     nothing of the batch may be taken as done then (it is read again)
     */
    public Outcome ingest(StreamSources.StreamSource stream, List<StreamRecord> records) {
        ProjectRegistry projectRegistry = registry.registry(stream.project());
        DataSource declared = projectRegistry.dataSource(stream.source());
        if (!(declared instanceof KafkaSource source)) {
            throw new FeatureStoreException(MaterializationErrorCode.VIEW_NOT_FOUND, "'%s' of project %s is no longer a kafka source".formatted(
                    stream.source(), stream.project()));
        }
        ParquetSource batch = (ParquetSource) projectRegistry.dataSource(source.batchSource());
        Optional<String> notAllowed = notAllowed(batch);
        if (notAllowed.isPresent()) {
            // A batch source stored before paths were confined to the storage roots: its records are rejected (reported
            // like malformed ones), nothing is written, and the stream goes on rather than reading the batch again forever.
            return new Outcome(0, 0, 0, List.of(), records.stream().map(record -> new IngestionRejected(stream.project(), source.name(),
                    record.topic(), record.partition(), record.offset(), record.key(), record.value(), notAllowed.get())).toList(), List.of());
        }
        List<ResolvedFeatureView> views = projectRegistry.featureViewsFedBy(source.name()).stream()
                .filter(view -> view.source().name().equals(source.name()))
                .toList();
        Columns columns = Columns.of(source, views);
        List<Typed> accepted = new ArrayList<>();
        List<IngestionRejected> rejected = new ArrayList<>();
        Instant now = Instant.now();
        for (StreamRecord record : records) {
            try {
                accepted.add(inRange(columns.typed(record), source, now));
            } catch (IllegalArgumentException e) {
                rejected.add(new IngestionRejected(stream.project(), source.name(), record.topic(), record.partition(), record.offset(), record.key(),
                        record.value(), e.getMessage()));
            }
        }
        List<ViewBatch> online = writeOnline(stream.project(), views, accepted);
        List<String> landed = writeOffline(source, batch, columns, accepted);
        return new Outcome(accepted.size(), online.stream().mapToLong(ViewBatch::written).sum(), online.stream().mapToLong(ViewBatch::unchanged).sum(),
                landed, rejected, online);
    }

    /** Writes the rows of every online view (all views' writes in flight at once), and says what each view got. */
    private List<ViewBatch> writeOnline(String project, List<ResolvedFeatureView> views, List<Typed> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<ResolvedFeatureView> online = views.stream().filter(ResolvedFeatureView::online).toList();
        List<List<Object[]>> valuesOf = new ArrayList<>();
        List<CompletableFuture<WriteResult>> pending = new ArrayList<>();
        for (ResolvedFeatureView view : online) {
            OnlineSchema schema = OnlineSchema.of(view.schema());
            List<RecordWrite> writes = new ArrayList<>(rows.size());
            List<Object[]> values = new ArrayList<>(rows.size());
            for (Typed row : rows) {
                List<Object> keys = view.joinKeys().stream().map(key -> row.values().get(key.name())).toList();
                Object[] features = view.schema().stream().map(field -> row.values().get(field.name())).toArray();
                values.add(features);
                writes.add(new RecordWrite(OnlineKeys.recordKey(project, view.name(), view.joinKeys(), keys), schema,
                        new OnlineRecord(row.event(), row.created(), Arrays.asList(features)),
                        OnlineExpiry.expireAt(row.event(), view.ttl(), expiryRetention)));
            }
            valuesOf.add(values);
            pending.add(onlineStore.write(writes));
        }
        Instant minEvent = rows.stream().map(Typed::event).min(Instant::compareTo).orElseThrow();
        Instant maxEvent = rows.stream().map(Typed::event).max(Instant::compareTo).orElseThrow();
        List<ViewBatch> batches = new ArrayList<>(online.size());
        for (int index = 0; index < online.size(); index++) {
            WriteResult result = OnlineWrites.await(pending.get(index), writeTimeout);
            batches.add(new ViewBatch(online.get(index), valuesOf.get(index), minEvent, maxEvent, result.written(), result.unchanged()));
        }
        return batches;
    }

    private List<String> writeOffline(KafkaSource source, ParquetSource batch, Columns columns, List<Typed> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, String> fileColumnOf = new HashMap<>();
        if (batch.fieldMapping() != null) {
            batch.fieldMapping().forEach((column, name) -> fileColumnOf.put(name, column));
        }
        List<Column> fileColumns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        columns.keys().forEach(key -> {
            fileColumns.add(new Column(fileColumnOf.getOrDefault(key.name(), key.name()), key.valueType()));
            names.add(key.name());
        });
        fileColumns.add(new Column(batch.timestampField(), ValueType.UNIX_TIMESTAMP));
        names.add(Columns.EVENT);
        if (batch.createdTimestampColumn() != null) {
            fileColumns.add(new Column(batch.createdTimestampColumn(), ValueType.UNIX_TIMESTAMP));
            names.add(Columns.CREATED);
        }
        columns.features().forEach(feature -> {
            fileColumns.add(new Column(fileColumnOf.getOrDefault(feature.name(), feature.name()), feature.dtype()));
            names.add(feature.name());
        });
        RowSchema schema = new RowSchema(fileColumns);
        Map<Integer, List<Typed>> byPartition = new TreeMap<>();
        rows.forEach(row -> byPartition.computeIfAbsent(row.partition(), partition -> new ArrayList<>()).add(row));
        List<String> landed = new ArrayList<>();
        for (Map.Entry<Integer, List<Typed>> partition : byPartition.entrySet()) {
            List<Typed> ofPartition = partition.getValue();
            List<Row> fileRows = new ArrayList<>(ofPartition.size());
            for (Typed row : ofPartition) {
                Object[] values = new Object[names.size()];
                for (int index = 0; index < values.length; index++) {
                    String name = names.get(index);
                    values[index] = name.equals(Columns.EVENT) ? row.event() : name.equals(Columns.CREATED) ? row.created() : row.values().get(name);
                }
                fileRows.add(Row.of(schema, values));
            }
            StorageUri uri = StorageUri.parse(batch.path()).asPrefix().resolve("stream-%s-%s-p%d-%020d-%020d.parquet".formatted(source.name(),
                    sanitized(source.topic()), partition.getKey(), ofPartition.get(0).offset(), ofPartition.get(ofPartition.size() - 1).offset()));
            try {
                ParquetRowWriter.writeAll(offlineStore, uri, schema, fileRows, ParquetWriteOptions.DEFAULTS);
            } catch (OfflineStoreException e) {
                throw new FeatureStoreException(MaterializationErrorCode.SOURCE_UNREADABLE,
                        "The stream's rows could not be written to %s: %s".formatted(uri, e.getMessage()), e);
            }
            landed.add(uri.toString());
        }
        return landed;
    }

    /** Why rows may not land under the batch source's path, if they may not. */
    private Optional<String> notAllowed(ParquetSource batch) {
        try {
            roots.check(StorageUri.parse(batch.path()));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("batch source '%s' may not be written: %s".formatted(batch.name(), e.getMessage()));
        }
    }

    private static String sanitized(String topic) {
        return topic.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** A record's typed values by name (keys and features), and its timestamps. */
    private record Typed(int partition, long offset, Map<String, Object> values, Instant event, Instant created) {
    }

    /** What a record of the source must and may hold, by the names in the records. */
    private record Columns(KafkaSource source, List<JoinKey> keys, List<Field> features, Map<String, String> recordFieldOf) {
        static final String EVENT = "\u0000event";
        static final String CREATED = "\u0000created";

        static Columns of(KafkaSource source, List<ResolvedFeatureView> views) {
            Map<String, JoinKey> keys = new LinkedHashMap<>();
            Map<String, Field> features = new LinkedHashMap<>();
            for (ResolvedFeatureView view : views) {
                view.joinKeys().forEach(key -> keys.putIfAbsent(key.name(), key));
                view.schema().forEach(field -> features.putIfAbsent(field.name(), field));
            }
            Map<String, String> recordFieldOf = new HashMap<>();
            if (source.fieldMapping() != null) {
                source.fieldMapping().forEach((field, name) -> recordFieldOf.put(name, field));
            }
            return new Columns(source, List.copyOf(keys.values()), List.copyOf(features.values()), recordFieldOf);
        }

        /** @throws IllegalArgumentException naming the field and what is wrong */
        Typed typed(StreamRecord record) {
            Map<String, Object> json;
            try {
                json = record.value() == null ? null : ContractsJson.mapper().readValue(record.value(), OBJECT);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a JSON object: %s".formatted(e.getMessage()));
            }
            if (json == null) {
                throw new IllegalArgumentException("not a JSON object: the record has no value");
            }
            Map<String, Object> values = new HashMap<>();
            for (JoinKey key : keys) {
                String field = recordFieldOf.getOrDefault(key.name(), key.name());
                Object value = convert(json, field, key.valueType());
                if (value == null) {
                    throw new IllegalArgumentException("%s: the join key is missing".formatted(field));
                }
                values.put(key.name(), value);
            }
            Instant event = (Instant) convert(json, source.timestampField(), ValueType.UNIX_TIMESTAMP);
            if (event == null) {
                throw new IllegalArgumentException("%s: the event timestamp is missing".formatted(source.timestampField()));
            }
            Instant created = source.createdTimestampColumn() == null ? null
                    : (Instant) convert(json, source.createdTimestampColumn(), ValueType.UNIX_TIMESTAMP);
            for (Field feature : features) {
                values.put(feature.name(), convert(json, recordFieldOf.getOrDefault(feature.name(), feature.name()), feature.dtype()));
            }
            return new Typed(record.partition(), record.offset(), values, event, created);
        }

        private static Object convert(Map<String, Object> json, String field, ValueType type) {
            try {
                return JsonTypedValues.convert(json.get(field), type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("%s: %s".formatted(field, e.getMessage()), e);
            }
        }
    }
}
