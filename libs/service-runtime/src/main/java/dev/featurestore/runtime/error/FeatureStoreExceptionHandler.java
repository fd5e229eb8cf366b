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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@link FeatureStoreException} with its code's status and a problem body rendered by
 * the {@link ErrorResponseProcessor}. Internal errors are logged at ERROR with their cause; user
 * errors at DEBUG.
 */
@Singleton
@Produces
public final class FeatureStoreExceptionHandler implements ExceptionHandler<FeatureStoreException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureStoreExceptionHandler.class);

    private final ErrorResponseProcessor<?> processor;

    public FeatureStoreExceptionHandler(ErrorResponseProcessor<?> processor) {
        this.processor = requireNonNull(processor, "processor is null");
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, FeatureStoreException exception) {
        ErrorCode code = exception.code();
        switch (code.kind()) {
            case INTERNAL -> LOG.error("{} {} failed with {}: {}",
                    request.getMethodName(), request.getPath(), code.name(), exception.getMessage(), exception);
            case USER -> LOG.debug("{} {} rejected with {}: {}",
                    request.getMethodName(), request.getPath(), code.name(), exception.getMessage());
        }
        return processor.processResponse(
                ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
                HttpResponse.status(HttpStatus.valueOf(code.httpStatus())));
    }
}
