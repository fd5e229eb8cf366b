package dev.featurestore.runtime.events;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka in order, at least once: a row is marked published only after the
 * broker acknowledged it, so a crash in between publishes it again (consumers are idempotent on the
 * event id). One relay works at a time (a PostgreSQL advisory lock per schema), so with several
 * replicas events still go out in id order, which is commit order per project (changes to one
 * project are serialized). Each event is sent under the trace context of the request that caused it.
 * Hourly, events published longer ago than {@code featurestore.outbox.retention} are deleted.
 */
@Singleton
@Requires(beans = DataSource.class)
@Requires(property = "featurestore.outbox.enabled", value = "true")
public class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final CloudEventSender sender;
    private final OutboxProperties properties;

    public OutboxRelay(OutboxRepository repository, CloudEventSender sender, OutboxProperties properties) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sender = requireNonNull(sender, "sender is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    @Scheduled(fixedDelay = "${featurestore.outbox.poll-interval:200ms}", initialDelay = "1s")
    void relayOnSchedule() {
        try {
            relayBatch();
        }
        catch (RuntimeException e) {
            LOG.warn("Outbox relay round failed, retrying on the next round: {}", e.getMessage(), e);
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void cleanOnSchedule() {
        try {
            int deleted = deletePublished();
            if (deleted > 0) {
                LOG.info("Deleted {} outbox events published more than {} ago", deleted, properties.retention());
            }
        }
        catch (RuntimeException e) {
            LOG.warn("Outbox clean-up failed, retrying in an hour: {}", e.getMessage(), e);
        }
    }

    /**
     * Deletes the events published longer ago than the retention.
     *
     * @return how many were deleted
     */
    @Transactional
    public int deletePublished() {
        return repository.deletePublishedBefore(properties.retention().toMillis());
    }

    /**
     * Publishes up to {@code batch-size} unpublished events in id order and marks them published.
     * Stops at the first event that cannot be published (order is kept); marks made so far commit.
     *
     * @return how many events were published
     */
    @Transactional
    public int relayBatch() {
        if (!repository.tryLockRelay()) {
            return 0;
        }
        List<OutboxRecord> batch = repository.lockUnpublished(properties.batchSize());
        int published = 0;
        for (OutboxRecord record : batch) {
            try (Scope ignored = TraceContexts.fromTraceparent(record.traceparent()).makeCurrent()) {
                sender.send(record.topic(), record.eventKey(), record.payload());
            }
            catch (RuntimeException e) {
                LOG.warn("Publishing event {} to {} failed, will retry: {}", record.eventId(), record.topic(), e.getMessage());
                break;
            }
            repository.markPublished(record.id());
            published++;
        }
        if (published > 0) {
            LOG.debug("Published {} outbox event(s)", published);
        }
        return published;
    }
}
