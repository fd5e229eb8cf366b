package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ParquetSource;
import dev.featurestore.contracts.definition.PushSource;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.DataLanded;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.json.JsonTypedValues;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.OfflineStoreException;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageNotAllowedException;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.onlinestore.OnlineExpiry;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.RegistryUnavailableException;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.serving.config.ServingProperties;
import dev.featurestore.serving.config.BoundsProperties;
import dev.featurestore.contracts.json.TimestampRange;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feast's push: rows for a push source, checked whole before anything is written, then written online to every
 * feature view whose source is the push source (newer-wins, expiring at event + ttl + retention) and/or offline
 * as one complete Parquet object under the push source's {@code batch_source} path, announced by a
 * {@code data.landed} event. The object's name and the event's id are derived from the pushed content (a hash of
 * where it goes and every value), so a push retried after an error overwrites the same object and announces it with
 * the same event id: its rows land once. The event is kept in {@link PendingEvents} until Kafka has taken it, so a
 * broker outage delays it but never loses it (the push still answers 200).
 */
@Singleton
public class Pushes {
    static final String EVENT_SOURCE = "/featurestore/serving-service";
    private static final Logger LOG = LoggerFactory.getLogger(Pushes.class);
    private static final int MAX_REPORTED_ERRORS = 50;
    private static final DateTimeFormatter OBJECT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final RegistryClient registry;
    private final OnlineStore onlineStore;
    private final ObjectStore offlineStore;
    private final PendingEvents pendingEvents;
    private final ServingMetrics metrics;
    private final ServingProperties properties;
    private final TimestampRange timestampRange;

    public Pushes(RegistryClient registry, OnlineStore onlineStore, ObjectStore offlineStore, PendingEvents pendingEvents,
            ServingMetrics metrics, ServingProperties properties, BoundsProperties bounds) {
        this.timestampRange = requireNonNull(bounds, "bounds is null").timestampRange();
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.onlineStore = requireNonNull(onlineStore, "onlineStore is null");
        this.offlineStore = requireNonNull(offlineStore, "offlineStore is null");
        this.pendingEvents = requireNonNull(pendingEvents, "pendingEvents is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    /**
     * @throws FeatureStoreException 404 for an unknown project or push source; 400 naming each bad column, row
     *     and value (nothing written); 413 for more rows than allowed; 503 when a store does not answer
     */
    public PushResult push(PushRequest request) {
        ProjectRegistry projectRegistry = projectRegistry(request.project());
        PushSource source = pushSource(request);
        ParquetSource batch = batchSource(request, source);
        List<ResolvedFeatureView> views = projectRegistry.featureViewsFedBy(source.name()).stream()
                .filter(view -> view.source().name().equals(source.name()))
                .toList();
        if (views.isEmpty()) {
            throw invalid("Push source '%s' feeds no feature view: no view defines its columns".formatted(source.name()),
                    List.of(new FieldError("push_source_name", "no feature view has source '%s'".formatted(source.name()))));
        }
        Map<String, String> columnOf = new HashMap<>();
        if (batch.fieldMapping() != null) {
            batch.fieldMapping().forEach((column, name) -> columnOf.put(name, column));
        }
        Map<String, ValueType> expected = expectedColumns(batch, views, columnOf);
        Map<String, JoinKey> keyColumns = new HashMap<>();
        views.forEach(view -> view.joinKeys().forEach(key -> keyColumns.put(columnOf.getOrDefault(key.name(), key.name()), key)));
        Typed typed = typed(request, batch, expected, keyColumns);

        metrics.requestSize("push", typed.count(), expected.size());
        Optional<String> offlineObject = Optional.empty();
        if (request.target().offline()) {
            offlineObject = Optional.of(writeOffline(request, source, batch, typed));
        }
        WriteResult online = WriteResult.NONE;
        if (request.target().online()) {
            online = writeOnline(request, batch, views, columnOf, typed);
        }
        return new PushResult(typed.count(), views.stream().filter(view -> request.target().online()).map(ResolvedFeatureView::name).toList(),
                online.written(), online.unchanged(), online.expired(), offlineObject);
    }

    private ProjectRegistry projectRegistry(String project) {
        try {
            return registry.registry(project);
        } catch (RegistryLookupException e) {
            throw new FeatureStoreException(CommonErrorCode.NOT_FOUND, e.getMessage(), List.of(new FieldError("project", e.getMessage())), e);
        } catch (RegistryUnavailableException e) {
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "The registry cannot be reached: %s".formatted(e.getMessage()), e);
        }
    }

    private PushSource pushSource(PushRequest request) {
        DataSource source;
        try {
            source = registry.dataSource(request.project(), request.pushSource());
        } catch (RegistryLookupException e) {
            throw new FeatureStoreException(CommonErrorCode.NOT_FOUND, e.getMessage(), List.of(new FieldError("push_source_name", e.getMessage())), e);
        }
        if (!(source instanceof PushSource push)) {
            String kind = source.getClass().getSimpleName();
            throw invalid("'%s' is a %s, not a push source".formatted(request.pushSource(), kind),
                    List.of(new FieldError("push_source_name", "'%s' is a %s, not a push source".formatted(request.pushSource(), kind))));
        }
        return push;
    }

    private ParquetSource batchSource(PushRequest request, PushSource source) {
        DataSource batch = registry.dataSource(request.project(), source.batchSource());
        if (!(batch instanceof ParquetSource parquet)) {
            throw new FeatureStoreException(CommonErrorCode.INTERNAL_ERROR,
                    "The batch source '%s' of push source '%s' is not a parquet source".formatted(source.batchSource(), source.name()));
        }
        return parquet;
    }

    /** Source column -> type: the timestamps, then every join key and feature of the views, by their source column names. */
    private static Map<String, ValueType> expectedColumns(ParquetSource batch, List<ResolvedFeatureView> views, Map<String, String> columnOf) {
        Map<String, ValueType> expected = new LinkedHashMap<>();
        expected.put(batch.timestampField(), ValueType.UNIX_TIMESTAMP);
        if (batch.createdTimestampColumn() != null) {
            expected.put(batch.createdTimestampColumn(), ValueType.UNIX_TIMESTAMP);
        }
        for (ResolvedFeatureView view : views) {
            for (JoinKey key : view.joinKeys()) {
                expected.putIfAbsent(columnOf.getOrDefault(key.name(), key.name()), key.valueType());
            }
            for (Field field : view.schema()) {
                expected.putIfAbsent(columnOf.getOrDefault(field.name(), field.name()), field.dtype());
            }
        }
        return expected;
    }

    private Typed typed(PushRequest request, ParquetSource batch, Map<String, ValueType> expected, Map<String, JoinKey> keyColumns) {
        List<FieldError> errors = new ArrayList<>();
        if (request.columns().isEmpty()) {
            throw invalid("No rows: 'df' has no columns", List.of(new FieldError("df", "give the rows as columns, e.g. {\"%s\": [...]}".formatted(batch.timestampField()))));
        }
        int count = -1;
        String first = null;
        for (Map.Entry<String, List<Object>> column : request.columns().entrySet()) {
            if (column.getValue() == null) {
                errors.add(new FieldError("df." + column.getKey(), "expected a list of values, got null"));
            } else if (count < 0) {
                count = column.getValue().size();
                first = column.getKey();
            } else if (column.getValue().size() != count) {
                errors.add(new FieldError("df." + column.getKey(), "has %d values, '%s' has %d".formatted(column.getValue().size(), first, count)));
            }
        }
        if (errors.isEmpty() && count == 0) {
            errors.add(new FieldError("df." + first, "has no values"));
        }
        if (!errors.isEmpty()) {
            throw invalid("Invalid rows", errors);
        }
        if (count > properties.maxPushRows()) {
            throw new FeatureStoreException(CommonErrorCode.PAYLOAD_TOO_LARGE,
                    "%d rows is more than the %d one push may carry (featurestore.serving.max-push-rows)".formatted(count, properties.maxPushRows()),
                    List.of(new FieldError("df", "%d rows, at most %d".formatted(count, properties.maxPushRows()))));
        }
        for (String column : expected.keySet()) {
            if (!request.columns().containsKey(column) && !column.equals(batch.createdTimestampColumn())) {
                errors.add(new FieldError("df." + column, "missing (%s)".formatted(expected.get(column))));
            }
        }
        for (String column : request.columns().keySet()) {
            if (!expected.containsKey(column)) {
                errors.add(new FieldError("df." + column, "not a column of push source's views (columns: %s)".formatted(expected.keySet())));
            }
        }
        Map<String, List<Object>> values = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (Map.Entry<String, List<Object>> column : request.columns().entrySet()) {
            ValueType type = expected.get(column.getKey());
            if (type == null) {
                continue;
            }
            if (keyColumns.containsKey(column.getKey()) && !OnlineKeys.isKeyType(type)) {
                errors.add(new FieldError("df." + column.getKey(), "a join key of type %s cannot key the online store".formatted(type)));
                continue;
            }
            List<Object> converted = new ArrayList<>(count);
            boolean timestampColumn = column.getKey().equals(batch.timestampField()) || column.getKey().equals(batch.createdTimestampColumn());
            for (int row = 0; row < count; row++) {
                try {
                    Object raw = column.getValue().get(row);
                    // event and created timestamps decide newer-wins: one far in the future would hide every later push
                    Object value = timestampColumn && raw != null ? timestampRange.parse(raw, now) : JsonTypedValues.convert(raw, type);
                    if (value == null && column.getKey().equals(batch.timestampField())) {
                        errors.add(new FieldError("df.%s[%d]".formatted(column.getKey(), row), "the event timestamp is missing"));
                    } else if (value == null && keyColumns.containsKey(column.getKey())) {
                        errors.add(new FieldError("df.%s[%d]".formatted(column.getKey(), row), "a join key cannot be null"));
                    }
                    converted.add(value);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("df.%s[%d]".formatted(column.getKey(), row), e.getMessage()));
                    converted.add(null);
                }
            }
            values.put(column.getKey(), converted);
        }
        if (!errors.isEmpty()) {
            throw invalid("Invalid rows, nothing was written", errors.size() > MAX_REPORTED_ERRORS ? errors.subList(0, MAX_REPORTED_ERRORS) : errors);
        }
        String created = batch.createdTimestampColumn();
        if (created != null && !values.containsKey(created)) {
            // the batch source's every column lands offline, so that its readers find the column (null: not given)
            values.put(created, Collections.nCopies(count, null));
        }
        return new Typed(count, values, expected);
    }

    private WriteResult writeOnline(PushRequest request, ParquetSource batch, List<ResolvedFeatureView> views, Map<String, String> columnOf, Typed typed) {
        List<RecordWrite> writes = new ArrayList<>(typed.count() * views.size());
        List<Object> timestamps = typed.values().get(batch.timestampField());
        List<Object> created = batch.createdTimestampColumn() == null ? null : typed.values().get(batch.createdTimestampColumn());
        for (ResolvedFeatureView view : views) {
            OnlineSchema schema = OnlineSchema.of(view.schema());
            for (int row = 0; row < typed.count(); row++) {
                List<Object> keys = new ArrayList<>(view.joinKeys().size());
                for (JoinKey key : view.joinKeys()) {
                    keys.add(typed.values().get(columnOf.getOrDefault(key.name(), key.name())).get(row));
                }
                String recordKey = OnlineKeys.recordKey(request.project(), view.name(), view.joinKeys(), keys);
                List<Object> values = new ArrayList<>(view.schema().size());
                for (Field field : view.schema()) {
                    values.add(typed.values().get(columnOf.getOrDefault(field.name(), field.name())).get(row));
                }
                Instant event = (Instant) timestamps.get(row);
                Instant createdAt = created == null ? null : (Instant) created.get(row);
                writes.add(new RecordWrite(recordKey, schema, new OnlineRecord(event, createdAt, values),
                        OnlineExpiry.expireAt(event, view.ttl(), properties.expiryRetention())));
            }
        }
        try {
            return onlineStore.write(writes).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private String writeOffline(PushRequest request, PushSource source, ParquetSource batch, Typed typed) {
        List<Column> columns = new ArrayList<>();
        typed.values().keySet().forEach(name -> columns.add(new Column(name, typed.types().get(name))));
        RowSchema schema = new RowSchema(columns);
        List<Row> rows = new ArrayList<>(typed.count());
        Instant min = null;
        Instant max = null;
        for (int row = 0; row < typed.count(); row++) {
            Object[] values = new Object[columns.size()];
            for (int column = 0; column < values.length; column++) {
                values[column] = typed.values().get(columns.get(column).name()).get(row);
            }
            rows.add(Row.of(schema, values));
            // to the microsecond, as the object holds it
            Instant event = ((Instant) typed.values().get(batch.timestampField()).get(row)).truncatedTo(ChronoUnit.MICROS);
            min = min == null || event.isBefore(min) ? event : min;
            max = max == null || event.isAfter(max) ? event : max;
        }
        // named by its content: a retried push overwrites its own object rather than landing its rows twice
        String digest = contentDigest(request, source, batch, typed);
        StorageUri uri;
        try {
            uri = StorageUri.parse(batch.path()).asPrefix()
                    .resolve("push-%s-%s.parquet".formatted(OBJECT_TIME.format(min), digest.substring(0, 32)));
            ParquetRowWriter.writeAll(offlineStore, uri, schema, rows, ParquetWriteOptions.DEFAULTS);
        } catch (IllegalArgumentException | StorageNotAllowedException e) {
            // A batch source stored before paths were confined to the storage roots: refused, nothing written.
            String message = "push source '%s' lands rows under batch source '%s', whose path may not be written: %s"
                    .formatted(source.name(), batch.name(), e.getMessage());
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "Nothing was written: %s".formatted(message),
                    List.of(new FieldError("push_source_name", message)), e);
        } catch (OfflineStoreException e) {
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "The offline store failed; nothing was written: %s".formatted(e.getMessage()), e);
        }
        DataLanded landed = new DataLanded(request.project(), batch.name(), List.of(uri.toString()), (long) typed.count(), min, max);
        // and so is its event: a retry's event has the same id, which consumers handle once
        CloudEvent<DataLanded> created = CloudEvents.create(EventTypes.DATA_LANDED, EVENT_SOURCE, landed);
        CloudEvent<DataLanded> event = new CloudEvent<>(created.specversion(), UUID.nameUUIDFromBytes(("data.landed " + uri).getBytes(StandardCharsets.UTF_8))
                .toString(), created.source(), created.type(), created.subject(), created.time(), created.datacontenttype(), created.data(), null);
        boolean published;
        try {
            published = pendingEvents.publish(event);
        } catch (RuntimeException e) {
            LOG.error("Pushed rows landed in {} but the data.landed event {} could not be kept: {}", uri, event.id(), e.getMessage());
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE,
                    "The rows landed in %s but their data.landed event could not be kept; pushing again is safe (the same object is overwritten): %s"
                            .formatted(uri, e.getMessage()), e);
        }
        if (!published) {
            LOG.info("Push to '{}' of project {}: {} rows landed in {}; event {} is pending until Kafka takes it", source.name(), request.project(),
                    typed.count(), uri, event.id());
            return uri.toString();
        }
        LOG.info("Push to '{}' of project {}: {} rows landed in {} (event {})", source.name(), request.project(), typed.count(), uri, event.id());
        return uri.toString();
    }

    /** SHA-256 (hex) of what the push writes offline: where, and every column's name, type and values, in name order. */
    private static String contentDigest(PushRequest request, PushSource source, ParquetSource batch, Typed typed) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
        StringBuilder text = new StringBuilder();
        appendField(text, request.project());
        appendField(text, source.name());
        appendField(text, batch.name());
        appendField(text, batch.path());
        for (String column : new TreeMap<>(typed.values()).keySet()) {
            appendField(text, column);
            appendField(text, typed.types().get(column).name());
            for (Object value : typed.values().get(column)) {
                appendField(text, canonical(value));
            }
            digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
            text.setLength(0);
        }
        digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void appendField(StringBuilder text, String value) {
        if (value == null) {
            text.append("-;");
        } else {
            text.append(value.length()).append(':').append(value).append(';');
        }
    }

    private static String canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder("[");
            list.forEach(element -> appendField(text, canonical(element)));
            return text.append(']').toString();
        }
        return value.getClass().getSimpleName() + ' ' + value;
    }

    private static FeatureStoreException invalid(String message, List<FieldError> errors) {
        return new FeatureStoreException(CommonErrorCode.INVALID_REQUEST,
                "%s: %s".formatted(message, errors.stream().map(error -> error.path() + ": " + error.message()).toList()), errors);
    }

    /**
     * Checked rows.
     *
     * @param count how many
     * @param values source column -> typed values
     * @param types source column -> type
     */
    private record Typed(int count, Map<String, List<Object>> values, Map<String, ValueType> types) {
    }
}
