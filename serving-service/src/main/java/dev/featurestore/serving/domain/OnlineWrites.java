package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.TimestampRange;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.serving.config.BoundsProperties;
import dev.featurestore.serving.config.ServingProperties;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Feast's {@code write-to-online-store}: rows of one feature view, named as the view names its join keys and features
 * (no {@code field_mapping}: Feast's remote online store sends the view's own names), with the event timestamp in
 * {@value #EVENT_TIMESTAMP} and the created timestamp, optional, in {@value #CREATED} (the column names Feast's client
 * uses, whatever the view's source calls them). Checked whole as a push is ({@link ColumnLayout}), then written online
 * through the push's writer ({@link OnlineRecordWriter}: newer-wins, expiry at event + ttl + retention). Nothing is
 * written offline.
 */
@Singleton
public class OnlineWrites {
    /** The column of event timestamps, as Feast's remote online store names it. */
    public static final String EVENT_TIMESTAMP = "event_timestamp";
    /** The column of created timestamps, as Feast's remote online store names it. */
    public static final String CREATED = "created";
    private static final Set<String> TIMESTAMP_COLUMNS = Set.of(EVENT_TIMESTAMP, CREATED);

    private final RegistryClient registry;
    private final ProjectRegistries projects;
    private final OnlineRecordWriter writer;
    private final ServingMetrics metrics;
    private final ServingProperties properties;
    private final TimestampRange timestampRange;

    public OnlineWrites(RegistryClient registry, ProjectRegistries projects, OnlineRecordWriter writer, ServingMetrics metrics, ServingProperties properties, BoundsProperties bounds) {
        this.registry = requireNonNull(registry, "registry is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.timestampRange = requireNonNull(bounds, "bounds is null").timestampRange();
    }

    /**
     * @throws FeatureStoreException 404 for an unknown project or feature view; 400 for a view not served online or
     *     naming each bad column, row and value (nothing written); 413 for more rows than
     *     {@code featurestore.serving.max-push-rows}; 503 when the registry or the online store does not answer
     */
    public OnlineWriteResult write(OnlineWriteRequest request) {
        projects.get(request.project());
        ResolvedFeatureView view;
        try {
            view = registry.featureView(request.project(), request.featureView());
        } catch (RegistryLookupException e) {
            throw new FeatureStoreException(CommonErrorCode.NOT_FOUND, e.getMessage(), List.of(new FieldError("feature_view_name", e.getMessage())), e);
        }
        if (!view.online()) {
            String message = "feature view '%s' is not served online (online: false)".formatted(view.name());
            throw ColumnLayout.invalid("Nothing was written", List.of(new FieldError("feature_view_name", message)));
        }
        Optional<String> taken = Stream.concat(view.joinKeyNames().stream(), view.schema().stream().map(Field::name))
                .filter(TIMESTAMP_COLUMNS::contains)
                .findFirst();
        if (taken.isPresent()) {
            String message = "feature view '%s' has a field named '%s', a column this endpoint reads as a timestamp; write its rows with /push"
                    .formatted(view.name(), taken.get());
            throw ColumnLayout.invalid("Nothing was written", List.of(new FieldError("feature_view_name", message)));
        }
        ColumnLayout layout = layout(view);
        CheckedRows rows = layout.check(request.columns(), new ColumnLayout.RowLimit(properties.maxPushRows(), "featurestore.serving.max-push-rows"),
                timestampRange, Instant.now());
        metrics.requestSize("write-to-online-store", rows.count(), layout.columns().size());
        WriteResult result = writer.write(request.project(), List.of(view), UnaryOperator.identity(), rows, layout);
        return new OnlineWriteResult(rows.count(), view.name(), result.written(), result.unchanged(), result.expired());
    }

    /** The timestamps, the join keys and the features, by the view's own names. */
    private static ColumnLayout layout(ResolvedFeatureView view) {
        Map<String, ValueType> columns = new LinkedHashMap<>();
        columns.put(EVENT_TIMESTAMP, ValueType.UNIX_TIMESTAMP);
        columns.put(CREATED, ValueType.UNIX_TIMESTAMP);
        for (JoinKey key : view.joinKeys()) {
            columns.put(key.name(), key.valueType());
        }
        for (Field field : view.schema()) {
            columns.put(field.name(), field.dtype());
        }
        return new ColumnLayout("feature view '%s'".formatted(view.name()), columns, Set.copyOf(view.joinKeyNames()), EVENT_TIMESTAMP,
                Optional.of(CREATED));
    }
}
