package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.onlinestore.OnlineExpiry;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.serving.config.ServingProperties;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * Writes checked rows online, the one writer of {@code /push} and {@code /write-to-online-store}: one record per (row,
 * feature view), newer-wins inside the store (a record whose event and created timestamps are not greater than the
 * stored ones leaves it), expiring at event + ttl + retention, all in one call to the online store (which
 * the service guards: timeout {@code featurestore.serving.push-timeout}, circuit breaker).
 */
@Singleton
public class OnlineRecordWriter {
    private final OnlineStore onlineStore;
    private final ServingProperties properties;

    public OnlineRecordWriter(OnlineStore onlineStore, ServingProperties properties) {
        this.onlineStore = requireNonNull(onlineStore, "onlineStore is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    /**
     * @param project the project of the views
     * @param views the feature views to write, each from every row
     * @param columnOf a join key's or feature's name -> the column holding it in {@code rows}
     * @param rows the checked rows
     * @param layout where the event and created timestamps are
     * @return how many records were written, left unchanged (the stored one was as new or newer) or already expired
     * @throws dev.featurestore.runtime.error.FeatureStoreException 503 when the store fails or does not answer in time
     */
    public WriteResult write(String project, List<ResolvedFeatureView> views, UnaryOperator<String> columnOf, CheckedRows rows, ColumnLayout layout) {
        List<RecordWrite> writes = new ArrayList<>(rows.count() * views.size());
        List<Object> events = rows.values().get(layout.eventTimestampColumn());
        List<Object> created = layout.createdTimestampColumn().map(rows.values()::get).orElse(null);
        for (ResolvedFeatureView view : views) {
            OnlineSchema schema = OnlineSchema.of(view.schema());
            for (int row = 0; row < rows.count(); row++) {
                List<Object> keys = new ArrayList<>(view.joinKeys().size());
                for (JoinKey key : view.joinKeys()) {
                    keys.add(rows.value(columnOf.apply(key.name()), row));
                }
                String recordKey = OnlineKeys.recordKey(project, view.name(), view.joinKeys(), keys);
                List<Object> values = new ArrayList<>(view.schema().size());
                for (Field field : view.schema()) {
                    values.add(rows.value(columnOf.apply(field.name()), row));
                }
                Instant event = (Instant) events.get(row);
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
}
