package dev.featurestore.materialization.domain.skew;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.events.SkewCheck;
import dev.featurestore.contracts.json.JsonTypedValues;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordRead;
import dev.featurestore.registryclient.ResolvedFeatureView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The skew check after a run: for sampled entities, the values the online store now serves (read through the online
 * reader, as serving reads them; a value older than the ttl at the run's end counts as null, as serving answers
 * OUTSIDE_MAX_AGE) against the point-in-time values at the run's end from the offline side ({@link PointInTimeSource},
 * historical-service: another code path over the same files). An entity whose online value is newer than the run's
 * end (written since) is left out. Mismatches are reported, not thrown: the run itself succeeded.
 */
public final class SkewChecker {
    /** Mismatches the result lists (all are counted). */
    static final int EXAMPLES = 10;

    private final OnlineStore onlineStore;
    private final PointInTimeSource pointInTime;
    private final Duration readTimeout;

    public SkewChecker(OnlineStore onlineStore, PointInTimeSource pointInTime, Duration readTimeout) {
        this.onlineStore = requireNonNull(onlineStore, "onlineStore is null");
        this.pointInTime = requireNonNull(pointInTime, "pointInTime is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
    }

    /**
     * Compares the sampled entities of a view at {@code end}.
     *
     * @param entities join key values of the sampled entities, in the view's key order
     */
    public SkewCheck check(ResolvedFeatureView view, List<Object[]> entities, Instant end) {
        if (entities.isEmpty()) {
            return new SkewCheck("skipped", 0, 0, List.of(), "the run materialized no entity");
        }
        OnlineSchema schema = OnlineSchema.of(view.schema());
        List<RecordRead> reads = new ArrayList<>(entities.size());
        for (Object[] keys : entities) {
            reads.add(new RecordRead(OnlineKeys.recordKey(view.project(), view.name(), view.joinKeys(), Arrays.asList(keys)), schema));
        }
        List<OnlineRecord> online;
        try {
            online = onlineStore.read(reads).get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SkewCheck("skipped", 0, 0, List.of(), "interrupted while reading the online store");
        } catch (Exception e) {
            return new SkewCheck("skipped", 0, 0, List.of(), "the online store could not be read: %s".formatted(e.getMessage()));
        }
        List<String> features = view.schema().stream().map(Field::name).toList();
        List<List<Object>> offline;
        try {
            offline = pointInTime.values(view.project(), view.name(), features, view.joinKeyNames(), entities, end);
        } catch (PointInTimeSource.PointInTimeUnavailableException e) {
            return new SkewCheck("skipped", 0, 0, List.of(), e.getMessage());
        }
        int sampled = 0;
        int mismatches = 0;
        List<SkewCheck.Mismatch> examples = new ArrayList<>();
        for (int entity = 0; entity < entities.size(); entity++) {
            OnlineRecord record = online.get(entity);
            if (record != null && record.eventTimestamp().isAfter(end)) {
                continue;
            }
            sampled++;
            boolean expired = record != null && !view.ttl().isZero() && record.eventTimestamp().isBefore(end.minus(view.ttl()));
            for (int feature = 0; feature < features.size(); feature++) {
                Field field = view.schema().get(feature);
                Object servedValue = record == null || expired ? null : record.values().get(feature);
                Object offlineValue = offline.get(entity).get(feature);
                Object offlineTyped;
                try {
                    offlineTyped = JsonTypedValues.convert(offlineValue, field.dtype());
                } catch (IllegalArgumentException e) {
                    offlineTyped = offlineValue;
                }
                if (!Objects.deepEquals(servedValue, offlineTyped)) {
                    mismatches++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(new SkewCheck.Mismatch(entityOf(view, entities.get(entity)), field.name(), JsonTypedValues.toJson(servedValue), JsonTypedValues.toJson(offlineTyped)));
                    }
                }
            }
        }
        return new SkewCheck(mismatches == 0 ? "passed" : "failed", sampled, mismatches, examples, null);
    }

    private static Map<String, Object> entityOf(ResolvedFeatureView view, Object[] keys) {
        Map<String, Object> entity = new LinkedHashMap<>();
        for (int index = 0; index < keys.length; index++) {
            entity.put(view.joinKeyNames().get(index), JsonTypedValues.toJson(keys[index]));
        }
        return entity;
    }
}
