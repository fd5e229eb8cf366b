package dev.featurestore.contracts.events;

import java.util.List;

/**
 * The Kafka topics of the suite (docs/events.md, and docs/asyncapi.yaml, which a test keeps in step with this class).
 */
public final class Topics {
    /**
     * {@code registry.object.changed}, keyed {@code project/kind/name}; written through the registry's outbox.
     */
    public static final String REGISTRY_CHANGES = "featurestore.registry-changes";
    /**
     * {@code data.landed}, keyed {@code project/source}; from upstream batch jobs and offline pushes.
     */
    public static final String DATA_LANDED = "featurestore.data-landed";
    /**
     * {@code materialization.completed} and {@code materialization.failed}, keyed {@code project/view}.
     */
    public static final String MATERIALIZATION = "featurestore.materialization";
    /**
     * {@code freshness.violated} and {@code freshness.recovered}, keyed {@code project/view}.
     */
    public static final String FRESHNESS = "featurestore.freshness";
    /**
     * {@code drift.detected}, keyed {@code project/view}.
     */
    public static final String FEATURE_QUALITY = "featurestore.feature-quality";
    /**
     * {@code ingestion.rejected}: stream records that could not be ingested, keyed by their source topic/partition/offset.
     */
    public static final String INGESTION_DLQ = "featurestore.ingestion-dlq";
    /**
     * {@code event.dead_lettered}: events of the topics above that a consumer could not handle, keyed by their
     * topic/partition/offset.
     */
    public static final String EVENTS_DLQ = "featurestore.events-dlq";

    private static final List<String> ALL = List.of(REGISTRY_CHANGES, DATA_LANDED, MATERIALIZATION, FRESHNESS, FEATURE_QUALITY, INGESTION_DLQ,
            EVENTS_DLQ);

    private Topics() {
    }

    public static List<String> all() {
        return ALL;
    }
}
