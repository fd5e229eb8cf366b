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
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.OfflineStoreException;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageNotAllowedException;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
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
    private static final DateTimeFormatter OBJECT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final RegistryClient registry;
    private final ProjectRegistries projects;
    private final OnlineRecordWriter writer;
    private final ObjectStore offlineStore;
    private final PendingEvents pendingEvents;
    private final ServingMetrics metrics;
    private final ServingProperties properties;
    private final TimestampRange timestampRange;

    public Pushes(RegistryClient registry, ProjectRegistries projects, OnlineRecordWriter writer, ObjectStore offlineStore, PendingEvents pendingEvents,
            ServingMetrics metrics, ServingProperties properties, BoundsProperties bounds) {
        this.timestampRange = requireNonNull(bounds, "bounds is null").timestampRange();
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.offlineStore = requireNonNull(offlineStore, "offlineStore is null");
        this.pendingEvents = requireNonNull(pendingEvents, "pendingEvents is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    /**
     * @throws FeatureStoreException 404 for an unknown project or push source; 400 naming each bad column, row
     *     and value (nothing written); 413 for more rows than allowed; 503 when a store does not answer
     */
    public PushResult push(PushRequest request) {
        ProjectRegistry projectRegistry = projects.get(request.project());
        PushSource source = pushSource(request);
        ParquetSource batch = batchSource(request, source);
        List<ResolvedFeatureView> views = projectRegistry.featureViewsFedBy(source.name()).stream()
                .filter(view -> view.source().name().equals(source.name()))
                .toList();
        if (views.isEmpty()) {
            throw ColumnLayout.invalid("Push source '%s' feeds no feature view: no view defines its columns".formatted(source.name()),
                    List.of(new FieldError("push_source_name", "no feature view has source '%s'".formatted(source.name()))));
        }
        Map<String, String> columnOf = new HashMap<>();
        if (batch.fieldMapping() != null) {
            batch.fieldMapping().forEach((column, name) -> columnOf.put(name, column));
        }
        ColumnLayout layout = layout(source, batch, views, columnOf);
        CheckedRows rows = layout.check(request.columns(), new ColumnLayout.RowLimit(properties.maxPushRows(), "featurestore.serving.max-push-rows"),
                timestampRange, Instant.now());

        metrics.requestSize("push", rows.count(), layout.columns().size());
        Optional<String> offlineObject = Optional.empty();
        if (request.target().offline()) {
            offlineObject = Optional.of(writeOffline(request, source, batch, rows));
        }
        WriteResult online = WriteResult.NONE;
        if (request.target().online()) {
            online = writer.write(request.project(), views, name -> columnOf.getOrDefault(name, name), rows, layout);
        }
        return new PushResult(rows.count(), views.stream().filter(view -> request.target().online()).map(ResolvedFeatureView::name).toList(),
                online.written(), online.unchanged(), online.expired(), offlineObject);
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
            throw ColumnLayout.invalid("'%s' is a %s, not a push source".formatted(request.pushSource(), kind),
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

    /** The push's columns: the timestamps, then every join key and feature of the views, by their source column names. */
    private static ColumnLayout layout(PushSource source, ParquetSource batch, List<ResolvedFeatureView> views, Map<String, String> columnOf) {
        Map<String, ValueType> expected = new LinkedHashMap<>();
        expected.put(batch.timestampField(), ValueType.UNIX_TIMESTAMP);
        if (batch.createdTimestampColumn() != null) {
            expected.put(batch.createdTimestampColumn(), ValueType.UNIX_TIMESTAMP);
        }
        Set<String> keyColumns = new HashSet<>();
        for (ResolvedFeatureView view : views) {
            for (JoinKey key : view.joinKeys()) {
                String column = columnOf.getOrDefault(key.name(), key.name());
                expected.putIfAbsent(column, key.valueType());
                keyColumns.add(column);
            }
            for (Field field : view.schema()) {
                expected.putIfAbsent(columnOf.getOrDefault(field.name(), field.name()), field.dtype());
            }
        }
        return new ColumnLayout("the views of push source '%s'".formatted(source.name()), expected, keyColumns, batch.timestampField(),
                Optional.ofNullable(batch.createdTimestampColumn()));
    }

    private String writeOffline(PushRequest request, PushSource source, ParquetSource batch, CheckedRows typed) {
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
    private static String contentDigest(PushRequest request, PushSource source, ParquetSource batch, CheckedRows typed) {
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
}
