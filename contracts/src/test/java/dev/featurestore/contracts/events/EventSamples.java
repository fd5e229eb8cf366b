package dev.featurestore.contracts.events;

import dev.featurestore.contracts.definition.ObjectKind;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sample of the data of every event type; an issue adding an event type adds its sample here
 * ({@code EventSchemasTest} fails for a catalogue entry without one). In the module's test jar, for the tests of
 * the code that publishes events (libs/service-runtime).
 */
public final class EventSamples {
    public static final Map<String, Object> DATA = Map.of(
            EventTypes.REGISTRY_OBJECT_CHANGED.type(), new RegistryObjectChanged("ride_hailing", ObjectKind.FEATURE_VIEW, "driver_hourly",
                    ChangeAction.UPDATED, 3, 17, List.of("schema.trips_today.dtype: INT32 -> INT64")),
            EventTypes.DATA_LANDED.type(), new DataLanded("ride_hailing", "driver_stats_src",
                    List.of("s3://features/driver_stats/part-00000.parquet"), 1_000L,
                    Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-20T23:59:59.999Z")),
            EventTypes.MATERIALIZATION_COMPLETED.type(), new MaterializationCompleted("ride_hailing", "driver_hourly",
                    "6f1c2a54-3f7e-4d8e-9a57-0c1d2e3f4a5b", "schedule", Instant.parse("2026-11-20T00:00:00Z"),
                    Instant.parse("2026-11-21T00:00:00Z"), 12_000L, 950L, 50L, 0L, Instant.parse("2026-11-20T23:59:00Z"), 4_210L,
                    Map.of("conv_rate", new FeatureStatistics("FLOAT64", 1_000L, 12L, 0.01, 0.98, 0.41, 0.17,
                                    List.of(new FeatureStatistics.Quantile(0.5, 0.4), new FeatureStatistics.Quantile(0.99, 0.95)),
                                    "BQEPAAAAAAAA", null),
                            "city", new FeatureStatistics("STRING", 1_000L, 0L, null, null, null, null, null, null,
                                    List.of(new FeatureStatistics.FrequentItem("berlin", 420L)))),
                    new SkewCheck("failed", 100, 1, List.of(new SkewCheck.Mismatch(Map.of("driver_id", 1001), "conv_rate", 0.5, 0.25)), null)),
            EventTypes.MATERIALIZATION_FAILED.type(), new MaterializationFailed("ride_hailing", "driver_hourly",
                    "6f1c2a54-3f7e-4d8e-9a57-0c1d2e3f4a5b", "data_landed", Instant.parse("2026-11-20T00:00:00Z"),
                    Instant.parse("2026-11-21T00:00:00Z"), "SOURCE_UNREADABLE",
                    "s3://features/driver_stats/part-00003.parquet: not a Parquet file", 5_000L, 812L),
            EventTypes.INGESTION_REJECTED.type(), new IngestionRejected("ride_hailing", "driver_events", "driver-events", 2, 1_234L,
                    "1001", "{\"driver_id\": 1001, \"conv_rate\": \"high\"}", "conv_rate: 'high' is not of type FLOAT64"),
            EventTypes.EVENT_DEAD_LETTERED.type(), new EventDeadLettered("ride_hailing", "materialization-service-registry-changes",
                    "featurestore.registry-changes", 0, 4_711L, "ride_hailing/feature_view/driver_hourly", "{\"specversion\": \"1.0\"}",
                    "6f1c2a54-3f7e-4d8e-9a57-0c1d2e3f4a5b", "registry.object.changed", "java.lang.ArithmeticException", "long overflow", 3,
                    false),
            EventTypes.FRESHNESS_VIOLATED.type(), new FreshnessViolated("ride_hailing", "driver_hourly", "materialization_failed", 93_600L,
                    90_000L, Instant.parse("2026-11-20T23:00:00Z"), Instant.parse("2026-11-22T00:00:00Z"),
                    new FreshnessRun("6f1c2a54-3f7e-4d8e-9a57-0c1d2e3f4a5b", Instant.parse("2026-11-21T00:05:00Z"), Instant.parse("2026-11-20T23:00:00Z")),
                    new FreshnessError("7a2d3b65-4a8f-4e9f-8b68-1d2e3f4a5b6c", Instant.parse("2026-11-22T00:00:00Z"), "SOURCE_UNREADABLE",
                            "s3://features/driver_stats/part-00003.parquet: not a Parquet file")),
            EventTypes.FRESHNESS_RECOVERED.type(), new FreshnessRecovered("ride_hailing", "driver_hourly", "fresh", 93_600L, 600L,
                    Instant.parse("2026-11-22T00:50:00Z"), Instant.parse("2026-11-22T01:00:00Z"), Instant.parse("2026-11-22T00:00:00Z"),
                    new FreshnessRun("8b3e4c76-5b9a-4fa0-9c79-2e3f4a5b6c7d", Instant.parse("2026-11-22T01:00:00Z"), Instant.parse("2026-11-22T00:50:00Z"))),
            EventTypes.DRIFT_DETECTED.type(), new DriftDetected("ride_hailing", "driver_hourly", "8b3e4c76-5b9a-4fa0-9c79-2e3f4a5b6c7d",
                    Instant.parse("2026-11-22T01:00:00Z"), 0.2, List.of(
                            new DriftDetected.FeatureDrift("conv_rate", "previous", "6f1c2a54-3f7e-4d8e-9a57-0c1d2e3f4a5b", 0.31),
                            new DriftDetected.FeatureDrift("conv_rate", "baseline", "5e0b1943-2e6d-4c7d-8946-fb0c1d2e3f4a", 0.27)),
                    Instant.parse("2026-11-22T01:00:01Z")));

    private EventSamples() {
    }

    /**
     * A new event of a type with its sample data.
     */
    @SuppressWarnings("unchecked")
    public static <T> CloudEvent<T> event(EventType<T> type) {
        Object data = DATA.get(type.type());
        if (data == null) {
            throw new AssertionError("no sample for event type %s: add one to EventSamples".formatted(type.type()));
        }
        return CloudEvents.create(type, "/featurestore/contracts-test", (T) type.dataClass().cast(data))
                .withTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }
}
