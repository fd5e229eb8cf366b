package dev.featurestore.runtime.events;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * {@link ProcessedEvents} in the {@code processed_event} table of the service's schema; the action's own
 * writes (repositories of the same data source) join the same transaction.
 */
@Singleton
@Requires(beans = DataSource.class)
public class JdbcProcessedEvents implements ProcessedEvents {
    private final ProcessedEventRepository repository;

    public JdbcProcessedEvents(ProcessedEventRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    @Override
    @Transactional
    public boolean handleOnce(String eventId, String type, Runnable action) {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(action, "action is null");
        if (repository.insertIfAbsent(eventId, type) == 0) {
            return false;
        }
        action.run();
        return true;
    }
}
