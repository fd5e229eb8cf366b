package dev.featurestore.runtime.error;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to an exception nothing more specific handles. A database that cannot be reached (PostgreSQL stopped or
 * restarting, no connection within the pool's timeout, a connection closed under a transaction) is an outage, not a
 * bug: 503 {@code SERVICE_UNAVAILABLE} problem+json with {@code Retry-After: 5}, logged at WARN without a stack trace.
 * Anything else is answered as Micronaut does by default: 500, logged at ERROR with its cause, the body never showing
 * the exception. More specific handlers ({@link FeatureStoreExceptionHandler}, Micronaut's own) still win.
 */
@Singleton
@Produces
public final class UnexpectedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);
    /** How long a caller should wait when the database is down (a restart or a failover takes seconds). */
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);
    /** PostgreSQL's admin_shutdown, crash_shutdown, cannot_connect_now; class 08 is connection exceptions. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

    private final ErrorResponseProcessor<?> processor;

    public UnexpectedExceptionHandler(ErrorResponseProcessor<?> processor) {
        this.processor = requireNonNull(processor, "processor is null");
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        Optional<SQLException> unavailable = databaseUnavailable(exception);
        if (unavailable.isPresent()) {
            LOG.warn("{} {} answered 503: the database is unavailable ({})", request.getMethodName(), request.getPath(),
                    unavailable.get().getMessage());
            FeatureStoreException outage = FeatureStoreException.unavailable(
                    "The database is unavailable; nothing was changed by this request, retry later", DATABASE_RETRY_AFTER, exception);
            return processor.processResponse(
                    ErrorContext.builder(request).cause(outage).errorMessage(outage.getMessage()).build(),
                    HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
        }
        LOG.error("Unexpected error occurred: {}", exception.getMessage(), exception);
        return processor.processResponse(
                ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
                HttpResponse.serverError());
    }

    /** The SQL exception in the cause chain that says the database cannot be reached, if any. */
    static Optional<SQLException> databaseUnavailable(Throwable exception) {
        for (Throwable current = exception; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof SQLException sql && isUnavailable(sql)) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private static boolean isUnavailable(SQLException exception) {
        String state = exception.getSQLState();
        return exception instanceof SQLTransientConnectionException
                || exception instanceof SQLRecoverableException
                || (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)))
                || "Connection is closed".equals(exception.getMessage());
    }
}
