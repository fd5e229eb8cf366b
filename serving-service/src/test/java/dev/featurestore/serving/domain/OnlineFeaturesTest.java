package dev.featurestore.serving.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.contracts.online.OnlineSchema.OnlineField;
import dev.featurestore.onlinestore.InMemoryOnlineStore;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.registryclient.InMemoryRegistryClient;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.serving.config.ServingProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Online retrieval on an in-memory registry and online store (the store held to the same contract suite as Redis). */
class OnlineFeaturesTest {
    private static final String PROJECT = "dispatch";
    private static final JoinKey DRIVER = new JoinKey("driver_id", ValueType.INT64);
    private static final OnlineSchema HOURLY = new OnlineSchema(List.of(new OnlineField("conv_rate", ValueType.FLOAT64), new OnlineField("trips", ValueType.INT64)));
    private static final OnlineSchema CONTACT = new OnlineSchema(List.of(new OnlineField("phone", ValueType.STRING)));
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final InMemoryRegistryClient registry = new InMemoryRegistryClient();
    private final InMemoryOnlineStore store = new InMemoryOnlineStore(Clock.fixed(NOW, ZoneOffset.UTC));
    private final ServingProperties properties = new ServingProperties("default", 1000, false, Duration.ofMillis(500), 10_000, Duration.ofSeconds(5), null, 256, 50, 20,
            Duration.ofSeconds(5));
    private final OnlineFeatures features = new OnlineFeatures(registry, store, new ServingMetrics(new SimpleMeterRegistry()), properties,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void define() {
        registry.put(PROJECT, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "driver_src", "type": "parquet", "path": "s3://bucket/driver/", "timestamp_field": "event_timestamp"},
                   {"name": "ride_request", "type": "request", "schema": [{"name": "distance_km", "dtype": "FLOAT64"}]}],
                 "feature_views": [
                   {"name": "driver_hourly", "entities": ["driver"], "source": "driver_src", "ttl": "2h",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "trips", "dtype": "INT64"}]},
                   {"name": "driver_contact", "entities": ["driver"], "source": "driver_src", "ttl": "0",
                    "schema": [{"name": "phone", "dtype": "STRING", "tags": {"pii": "true"}}]},
                   {"name": "offline_only", "entities": ["driver"], "source": "driver_src", "online": false, "schema": [{"name": "trips", "dtype": "INT64"}]}],
                 "on_demand_feature_views": [
                   {"name": "ride_quote", "sources": ["driver_hourly", "ride_request"], "schema": [{"name": "quote", "dtype": "FLOAT64"}],
                    "expressions": {"quote": "ride_request.distance_km * 1.5 + driver_hourly.conv_rate"}}],
                 "feature_services": [
                   {"name": "dispatch_v1", "features": [{"feature_view": "driver_hourly", "features": ["trips"]}, {"feature_view": "ride_quote"}]}]}
                """);
        // 1: fresh; 2: exactly at the ttl's edge; 3: a millisecond past it; 4: trips null; 5: nothing
        write("driver_hourly", HOURLY, 1, NOW.minusSeconds(60), 0.5, 12L);
        write("driver_hourly", HOURLY, 2, NOW.minus(Duration.ofHours(2)), 0.6, 7L);
        write("driver_hourly", HOURLY, 3, NOW.minus(Duration.ofHours(2)).minusMillis(1), 0.7, 8L);
        write("driver_hourly", HOURLY, 4, NOW.minusSeconds(5), 0.1, null);
        write("driver_contact", CONTACT, 1, NOW.minusSeconds(5), "+47 555");
    }

    @Test
    void answersEachValueWithItsStatusAndTheTtlEnforcedAtTheClocksNow() {
        OnlineFeaturesResult result = get(query(List.of("driver_hourly:conv_rate", "driver_hourly:trips"), Map.of("driver_id", List.of(1, 2, 3, 4, 5))));

        assertThat(result.names()).containsExactly("driver_id", "conv_rate", "trips");
        assertThat(result.columns().get(0).values()).containsExactly(1L, 2L, 3L, 4L, 5L);
        OnlineFeaturesResult.Column conv = result.columns().get(1);
        assertThat(conv.values()).containsExactly(0.5, 0.6, null, 0.1, null);
        assertThat(conv.statuses()).containsExactly(FeatureStatus.PRESENT, FeatureStatus.PRESENT, FeatureStatus.OUTSIDE_MAX_AGE, FeatureStatus.PRESENT,
                FeatureStatus.NOT_FOUND);
        assertThat(conv.eventTimestamps()).containsExactly(NOW.minusSeconds(60), NOW.minus(Duration.ofHours(2)),
                NOW.minus(Duration.ofHours(2)).minusMillis(1), NOW.minusSeconds(5), Instant.EPOCH);
        assertThat(result.columns().get(2).statuses()).containsExactly(FeatureStatus.PRESENT, FeatureStatus.PRESENT, FeatureStatus.OUTSIDE_MAX_AGE,
                FeatureStatus.NULL_VALUE, FeatureStatus.NOT_FOUND);
    }

    @Test
    void computesOnDemandFeaturesFromFreshValuesOnlyAndAnswersAServiceInItsOrder() {
        Map<String, List<Object>> entities = new LinkedHashMap<>();
        entities.put("driver_id", List.of(1, 3));
        entities.put("distance_km", List.of(10.0, 2.0));
        OnlineFeaturesResult result = get(new OnlineFeatureQuery(PROJECT, null, Optional.of("dispatch_v1"), entities, null, true, false));

        assertThat(result.names()).containsExactly("driver_id", "driver_hourly__trips", "ride_quote__quote");
        // driver 3's conv_rate is past the ttl: the expression sees null and answers null
        assertThat(result.columns().get(2).values()).containsExactly(15.5, null);
        assertThat(result.columns().get(2).statuses()).containsExactly(FeatureStatus.PRESENT, FeatureStatus.NULL_VALUE);
    }

    @Test
    void refusesBadRequestsNamingEachProblemBeforeReadingAnything() {
        assertProblem(query(List.of("driver_hourly:conv_rate", "driver_hourly:nope"), Map.of("driver_id", List.of(1))), CommonErrorCode.NOT_FOUND,
                "features[1]");
        assertProblem(query(List.of("driver_hourly:conv_rate"), Map.of("driver_id", Arrays.asList(1, "x", null))), CommonErrorCode.INVALID_REQUEST,
                "entities.driver_id[1]", "entities.driver_id[2]");
        assertProblem(query(List.of("offline_only:trips"), Map.of("driver_id", List.of(1))), CommonErrorCode.INVALID_REQUEST, "features[0]");
        assertProblem(query(List.of("driver_hourly:trips", "offline_only:trips"), Map.of("driver_id", List.of(1))), CommonErrorCode.INVALID_REQUEST,
                "features[1]");
        assertProblem(query(List.of("driver_hourly:trips"), Map.of("rider_id", List.of(1))), CommonErrorCode.INVALID_REQUEST, "entities.driver_id",
                "entities.rider_id");
        assertProblem(new OnlineFeatureQuery("nowhere", List.of("driver_hourly:trips"), Optional.empty(), Map.of("driver_id", List.of(1)), null, false, false),
                CommonErrorCode.NOT_FOUND, "project");
    }

    @Test
    void aPiiFeatureNeedsTheRightToReadIt() {
        OnlineFeatureQuery denied = query(List.of("driver_contact:phone"), Map.of("driver_id", List.of(1)));
        assertThatThrownBy(() -> get(denied)).isInstanceOfSatisfying(FeatureStoreException.class,
                problem -> assertThat(problem.code()).isEqualTo(CommonErrorCode.FORBIDDEN));

        OnlineFeatureQuery allowed = new OnlineFeatureQuery(PROJECT, List.of("driver_contact:phone"), Optional.empty(), Map.of("driver_id", List.of(1)), null, false,
                true);
        assertThat(get(allowed).columns().get(1).values()).containsExactly("+47 555");
    }

    @Test
    void aNewerWriteIsServedAtOnceAndAnOlderOneNever() {
        write("driver_hourly", HOURLY, 1, NOW.minusSeconds(1), 0.9, 13L);
        write("driver_hourly", HOURLY, 1, NOW.minusSeconds(30), 0.1, 1L);

        assertThat(get(query(List.of("driver_hourly:conv_rate"), Map.of("driver_id", List.of(1)))).columns().get(1).values()).containsExactly(0.9);
    }

    private OnlineFeatureQuery query(List<String> references, Map<String, List<Object>> entities) {
        return new OnlineFeatureQuery(PROJECT, references, Optional.empty(), entities, null, false, false);
    }

    private OnlineFeaturesResult get(OnlineFeatureQuery query) {
        try {
            return features.get(query, ForkJoinPool.commonPool()).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private void assertProblem(OnlineFeatureQuery query, CommonErrorCode code, String... paths) {
        assertThatThrownBy(() -> get(query)).isInstanceOfSatisfying(FeatureStoreException.class, problem -> {
            assertThat(problem.code()).as(problem.getMessage()).isEqualTo(code);
            assertThat(problem.errors()).extracting(FieldError::path).contains(paths);
        });
    }

    private void write(String view, OnlineSchema schema, long driver, Instant event, Object... values) {
        List<RecordWrite> writes = new ArrayList<>();
        writes.add(new RecordWrite(OnlineKeys.recordKey(PROJECT, view, List.of(DRIVER), List.of(driver)), schema,
                new OnlineRecord(event, null, Arrays.asList(values)), null));
        store.write(writes).join();
    }
}
