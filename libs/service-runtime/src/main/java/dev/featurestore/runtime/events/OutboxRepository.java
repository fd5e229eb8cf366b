package dev.featurestore.runtime.events;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import javax.sql.DataSource;

@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(beans = DataSource.class)
@Requires(property = "featurestore.outbox.enabled", value = "true")
interface OutboxRepository extends GenericRepository<OutboxRecord, Long> {

    @Query("INSERT INTO outbox (event_id, topic, event_key, payload, traceparent) "
            + "VALUES (CAST(:eventId AS uuid), :topic, :eventKey, CAST(:payload AS jsonb), :traceparent)")
    void insert(String eventId, String topic, String eventKey, String payload, String traceparent);

    /** The oldest unpublished rows, locked so that two relays (replicas) never publish the same batch at once. */
    @Query(value = "SELECT id, CAST(event_id AS text) AS event_id, topic, event_key, CAST(payload AS text) AS payload, "
            + "traceparent, published_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
            nativeQuery = true)
    List<OutboxRecord> lockUnpublished(int limit);

    @Query("UPDATE outbox SET published_at = now() WHERE id = :id")
    void markPublished(long id);
}
