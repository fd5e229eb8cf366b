package dev.featurestore.runtime.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/** A row of the {@code outbox} table of the service's schema. */
@MappedEntity("outbox")
public record OutboxRecord(
        @Id @GeneratedValue Long id,
        @MappedProperty("event_id") String eventId,
        String topic,
        @MappedProperty("event_key") String eventKey,
        @MappedProperty(value = "payload", type = DataType.JSON) String payload,
        @Nullable String traceparent,
        @Nullable @MappedProperty("published_at") Instant publishedAt) {
}
