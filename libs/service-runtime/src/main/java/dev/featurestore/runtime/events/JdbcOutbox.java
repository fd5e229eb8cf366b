package dev.featurestore.runtime.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** The outbox in the service's own PostgreSQL schema (table {@code outbox}). */
@Singleton
@Requires(beans = DataSource.class)
@Requires(property = "featurestore.outbox.enabled", value = "true")
public class JdbcOutbox implements Outbox {
    private final OutboxRepository repository;

    public JdbcOutbox(OutboxRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void append(CloudEvent<?> event) {
        requireNonNull(event, "event is null");
        String topic = EventTypes.byType(event.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '%s'".formatted(event.type())))
                .topic();
        CloudEvent<?> traced = event.traceparent() == null ? event.withTraceparent(TraceContexts.currentTraceparent()) : event;
        repository.insert(traced.id(), topic, traced.subject(), CloudEvents.toJson(traced), traced.traceparent());
    }
}
