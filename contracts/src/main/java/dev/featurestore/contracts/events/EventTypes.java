package dev.featurestore.contracts.events;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of every event type of the suite. An issue that introduces an event type adds its
 * data record, a constant here (and to {@link #all()}), its JSON Schema under
 * {@code schemas/events/<type>.json}, and a sample in {@code EventSchemasTest}.
 */
public final class EventTypes {
    public static final EventType<RegistryObjectChanged> REGISTRY_OBJECT_CHANGED = new EventType<>(
            "registry.object.changed", Topics.REGISTRY_CHANGES, RegistryObjectChanged.class, "project/kind/name",
            data -> data.project() + "/" + data.kind().wireName() + "/" + data.name());

    public static final EventType<DataLanded> DATA_LANDED = new EventType<>(
            "data.landed", Topics.DATA_LANDED, DataLanded.class, "project/source",
            data -> data.project() + "/" + data.source());

    public static final EventType<MaterializationCompleted> MATERIALIZATION_COMPLETED = new EventType<>(
            "materialization.completed", Topics.MATERIALIZATION, MaterializationCompleted.class, "project/view",
            data -> data.project() + "/" + data.featureView());

    public static final EventType<MaterializationFailed> MATERIALIZATION_FAILED = new EventType<>(
            "materialization.failed", Topics.MATERIALIZATION, MaterializationFailed.class, "project/view",
            data -> data.project() + "/" + data.featureView());

    public static final EventType<IngestionRejected> INGESTION_REJECTED = new EventType<>(
            "ingestion.rejected", Topics.INGESTION_DLQ, IngestionRejected.class, "topic/partition/offset",
            data -> data.topic() + "/" + data.partition() + "/" + data.offset());

    public static final EventType<EventDeadLettered> EVENT_DEAD_LETTERED = new EventType<>(
            "event.dead_lettered", Topics.EVENTS_DLQ, EventDeadLettered.class, "topic/partition/offset",
            data -> data.topic() + "/" + data.partition() + "/" + data.offset());

    public static final EventType<FreshnessViolated> FRESHNESS_VIOLATED = new EventType<>(
            "freshness.violated", Topics.FRESHNESS, FreshnessViolated.class, "project/view",
            data -> data.project() + "/" + data.featureView());

    public static final EventType<FreshnessRecovered> FRESHNESS_RECOVERED = new EventType<>(
            "freshness.recovered", Topics.FRESHNESS, FreshnessRecovered.class, "project/view",
            data -> data.project() + "/" + data.featureView());

    public static final EventType<DriftDetected> DRIFT_DETECTED = new EventType<>(
            "drift.detected", Topics.FEATURE_QUALITY, DriftDetected.class, "project/view",
            data -> data.project() + "/" + data.featureView());

    private static final List<EventType<?>> ALL = List.of(REGISTRY_OBJECT_CHANGED, DATA_LANDED, MATERIALIZATION_COMPLETED, MATERIALIZATION_FAILED,
            INGESTION_REJECTED, EVENT_DEAD_LETTERED, FRESHNESS_VIOLATED, FRESHNESS_RECOVERED, DRIFT_DETECTED);

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    /**
     * The catalogue entry of a CloudEvents {@code type}.
     *
     * @param type such as {@code data.landed}
     * @return the entry, or empty for a type the suite does not know
     */
    public static Optional<EventType<?>> byType(String type) {
        return ALL.stream().filter(eventType -> eventType.type().equals(type)).findFirst();
    }
}
