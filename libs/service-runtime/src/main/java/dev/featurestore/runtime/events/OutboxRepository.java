package dev.featurestore.runtime.events;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
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
    void insert(String eventId, String topic, String eventKey, String payload, @Nullable String traceparent);

    /**
     * Takes the relay's transaction-scoped advisory lock: one relay at a time per database, so events
     * go out in commit order even with several replicas. False when another relay holds it.
     */
    @Query(value = "SELECT pg_try_advisory_xact_lock(hashtext('featurestore.outbox.' || current_schema()))", nativeQuery = true)
    boolean tryLockRelay();

    /** The oldest unpublished rows, locked as well so that no other transaction touches them meanwhile. */
    @Query(value = "SELECT id, CAST(event_id AS text) AS event_id, topic, event_key, CAST(payload AS text) AS payload, "
            + "traceparent, published_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
            nativeQuery = true)
    List<OutboxRecord> lockUnpublished(int limit);

    @Query("UPDATE outbox SET published_at = now() WHERE id = :id")
    void markPublished(long id);

    /** Deletes events published more than {@code retentionMillis} ago; unpublished ones always stay. */
    @Query(value = "DELETE FROM outbox WHERE published_at < now() - CAST(:retentionMillis AS bigint) * interval '1 millisecond'", nativeQuery = true)
    int deletePublishedBefore(long retentionMillis);
}
