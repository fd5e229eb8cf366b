package dev.featurestore.runtime.security;

import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Answers a request the security filter refused as problem+json with a detail that says what to send, and
 * {@code WWW-Authenticate: Bearer}.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class ProblemAuthorizationExceptionHandler extends DefaultAuthorizationExceptionHandler {
    static final String MISSING = "This endpoint needs a credential: an API key (Authorization: Bearer fsk_... or X-API-Key: fsk_...) "
            + "or a bearer JWT of the configured issuer";
    static final String REFUSED = "The credential was not accepted: unknown, revoked or expired API key, or an invalid, expired or "
            + "untrusted token";

    private final ErrorResponseProcessor<?> errorResponseProcessor;

    public ProblemAuthorizationExceptionHandler(ErrorResponseProcessor<?> errorResponseProcessor, RedirectConfiguration redirectConfiguration,
                                                RedirectService redirectService, @Nullable PriorToLoginPersistence priorToLoginPersistence) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, List.of(), priorToLoginPersistence);
        this.errorResponseProcessor = errorResponseProcessor;
    }

    @Override
    protected MutableHttpResponse<?> httpResponseWithStatus(HttpRequest<?> request, AuthorizationException exception) {
        boolean forbidden = exception.isForbidden();
        MutableHttpResponse<?> response = HttpResponse.status(forbidden ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED);
        FeatureStoreException cause;
        if (forbidden) {
            cause = new FeatureStoreException(CommonErrorCode.FORBIDDEN, "The caller may not do this");
        }
        else {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            boolean sentCredential = request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                    || request.getHeaders().contains(ApiKeyAuthenticationFetcher.API_KEY_HEADER);
            cause = new FeatureStoreException(CommonErrorCode.UNAUTHORIZED, sentCredential ? REFUSED : MISSING);
        }
        return errorResponseProcessor.processResponse(ErrorContext.builder(request).cause(cause).errorMessage(cause.getMessage()).build(), response);
    }
}
