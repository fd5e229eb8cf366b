package dev.featurestore.serving.grpc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.security.ApiKeyAuthenticationFetcher;
import dev.featurestore.runtime.security.SecurityProperties;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * What every call passes first, on the thread that read it: a deadline already past is answered
 * {@code DEADLINE_EXCEEDED} before any work; then the caller is authenticated by the API key in its metadata
 * ({@code authorization: Bearer fsk_...} or {@code x-api-key: fsk_...}), exactly as an HTTP request's headers are
 * (the same {@link ApiKeyAuthenticationFetcher}); without one that authenticates, {@code UNAUTHENTICATED}. The caller
 * and the {@code x-feature-project} metadata are handed to the service in the call's {@link Context}.
 */
@Singleton
@Requires(property = "featurestore.serving.grpc.enabled", notEquals = "false")
class CallerInterceptor implements ServerInterceptor, Ordered {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> PROJECT = Metadata.Key.of("x-feature-project", Metadata.ASCII_STRING_MARSHALLER);
    /** The authenticated caller; unset when security is off (then everything is allowed, as over HTTP). */
    static final Context.Key<Authentication> CALLER = Context.key("featurestore-caller");
    /** The {@code x-feature-project} metadata as sent, unset when absent. */
    static final Context.Key<String> PROJECT_METADATA = Context.key("featurestore-project");

    private static final ServerCall.Listener<?> NOTHING = new ServerCall.Listener<>() {
    };

    private final boolean securityEnabled;
    private final Optional<ApiKeyAuthenticationFetcher> keys;

    CallerInterceptor(SecurityProperties security, Optional<ApiKeyAuthenticationFetcher> keys) {
        this.securityEnabled = requireNonNull(security, "security is null").enabled();
        this.keys = requireNonNull(keys, "keys is null");
    }

    /** First of the interceptors that do work (after the one that times calls): nothing runs for a call past its deadline or without a caller. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null && deadline.isExpired()) {
            return refuse(call, Status.DEADLINE_EXCEEDED.withDescription("The call's deadline had passed when it arrived: nothing was done").asRuntimeException());
        }
        Context context = Context.current();
        if (securityEnabled) {
            Optional<Authentication> caller = keys.flatMap(fetcher -> fetcher.authenticate(headers.get(API_KEY), headers.get(AUTHORIZATION)));
            if (caller.isEmpty()) {
                return refuse(call, GrpcErrors.status(Status.Code.UNAUTHENTICATED, "UNAUTHORIZED",
                        "No valid API key: send metadata 'authorization: Bearer fsk_...' (or 'x-api-key: fsk_...') with a key that is neither revoked nor expired",
                        List.of(new FieldError("authorization", "missing, not an API key, or not a valid one"))));
            }
            context = context.withValue(CALLER, caller.get());
        }
        String project = headers.get(PROJECT);
        if (project != null) {
            context = context.withValue(PROJECT_METADATA, project);
        }
        return Contexts.interceptCall(context, call, headers, next);
    }

    @SuppressWarnings("unchecked")
    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, StatusRuntimeException refusal) {
        Metadata trailers = refusal.getTrailers() == null ? new Metadata() : refusal.getTrailers();
        call.close(refusal.getStatus(), trailers);
        return (ServerCall.Listener<Q>) NOTHING;
    }
}
