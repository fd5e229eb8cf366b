package dev.featurestore.runtime.events;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import javax.sql.DataSource;

@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(beans = DataSource.class)
interface ProcessedEventRepository extends GenericRepository<ProcessedEventRepository.ProcessedEvent, String> {

    /** Records an event id; 1 when it is new, 0 when it was already handled. */
    @Query("INSERT INTO processed_event (id, type) VALUES (:id, :type) ON CONFLICT (id) DO NOTHING")
    int insertIfAbsent(String id, String type);

    /** A row of the {@code processed_event} table of the service's schema. */
    @MappedEntity("processed_event")
    record ProcessedEvent(@Id String id, String type) {
    }
}
