package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.serving.config.ServingProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the service answering when Redis does not: every online store call runs under a timeout and a circuit
 * breaker (after {@code circuit-breaker-failure-rate} percent of the last calls failed, calls answer 503 at once
 * for {@code circuit-breaker-open-for}, then trial calls close it again when Redis is back), and requests run in
 * a bulkhead of {@code max-in-flight} (the excess is shed with 503 rather than queued). States and counts are
 * Micrometer metrics ({@code resilience4j_circuitbreaker_*}, {@code resilience4j_bulkhead_*}).
 */
@Singleton
public class OnlineStoreGuard {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineStoreGuard.class);

    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final ServingProperties properties;
    private final ServingMetrics metrics;
    private final Tracer tracer;
    private final LoopTimeouts timeouts;

    public OnlineStoreGuard(ServingProperties properties, MeterRegistry meters, ServingMetrics metrics, OpenTelemetry openTelemetry, LoopTimeouts timeouts) {
        this.timeouts = requireNonNull(timeouts, "timeouts is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.tracer = openTelemetry.getTracer("dev.featurestore.serving");
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        this.breaker = breakers.circuitBreaker("online-store", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.circuitBreakerWindow())
                .minimumNumberOfCalls(properties.circuitBreakerWindow())
                .failureRateThreshold(properties.circuitBreakerFailureRate())
                .waitDurationInOpenState(properties.circuitBreakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .build());
        BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
        this.bulkhead = bulkheads.bulkhead("serving-requests", BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxInFlight())
                .maxWaitDuration(Duration.ZERO)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> LOG.warn("Online store circuit breaker: {}", event.getStateTransition()));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    }

    /** Runs a request in the bulkhead: 503 at once when {@code max-in-flight} requests are already running. */
    public <T> T admit(Supplier<T> request) {
        acquire();
        try {
            return request.get();
        } finally {
            bulkhead.onComplete();
        }
    }

    /** {@link #admit} for a request that completes later: it holds its place in the bulkhead until it completes. */
    public <T> CompletableFuture<T> admitAsync(Supplier<CompletableFuture<T>> request) {
        acquire();
        CompletableFuture<T> running;
        try {
            running = request.get();
        } catch (RuntimeException e) {
            bulkhead.onComplete();
            throw e;
        }
        return running.whenComplete((result, error) -> bulkhead.onComplete());
    }

    private void acquire() {
        if (!bulkhead.tryAcquirePermission()) {
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE,
                    "Too many requests in flight (featurestore.serving.max-in-flight = %d); retry shortly".formatted(properties.maxInFlight()));
        }
    }

    /**
     * Calls the online store under the circuit breaker, waiting at most {@code timeout}, in a span
     * {@code online-store <what>} (a child of the request's) with the number of records; blocks the caller.
     *
     * @param what what the call does, for messages, the span and metrics ("read", "write")
     * @param records how many records the call reads or writes
     * @param onPartialFailure appended to the 503's message (what the caller may know about a half-done call)
     * @throws FeatureStoreException 503 when the store fails, does not answer in time or its circuit is open
     */
    public <T> T call(String what, int records, Supplier<CompletableFuture<T>> call, Duration timeout, String onPartialFailure) {
        try {
            return callAsync(what, records, call, timeout, onPartialFailure).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "The online store failed the %s: %s%s".formatted(what, e.getCause(), onPartialFailure), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "Interrupted while calling the online store", e);
        }
    }

    /**
     * {@link #call} without blocking: the answer completes on the thread the store answers on (on an event loop of
     * the server, the request's own thread). The timeout runs on the caller's event loop when it is one (no other
     * thread is woken for it), else on one shared scheduler thread ({@link LoopTimeouts}).
     *
     * @return the store's answer, or a {@link FeatureStoreException} (503) when the store fails, does not answer
     *     in time or its circuit is open, or the {@link IllegalArgumentException} of bad input found before anything
     *     was sent (not counted against the store)
     */
    public <T> CompletableFuture<T> callAsync(String what, int records, Supplier<CompletableFuture<T>> call, Duration timeout, String onPartialFailure) {
        if (!breaker.tryAcquirePermission()) {
            // no call is made: neither a span nor a timed call (Resilience4j counts it: resilience4j_circuitbreaker_not_permitted_calls_total)
            return CompletableFuture.failedFuture(new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE,
                    "The online store is unavailable: its circuit breaker is open after repeated failures (it is tried again within %d s)"
                            .formatted(properties.circuitBreakerOpenFor().toSeconds())));
        }
        Span span = tracer.spanBuilder("online-store " + what).setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system", "redis").setAttribute("featurestore.online_store.records", records).startSpan();
        long start = System.nanoTime();
        CompletableFuture<T> answer;
        try (Scope ignored = span.makeCurrent()) {
            answer = guarded(what, call, timeout, onPartialFailure);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.whenComplete((result, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                span.recordException(cause);
                span.setStatus(StatusCode.ERROR, cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
            }
            span.end();
            metrics.onlineStoreCall(what, error == null, System.nanoTime() - start);
        });
    }

    /** The call, its permission from the breaker already acquired. */
    private <T> CompletableFuture<T> guarded(String what, Supplier<CompletableFuture<T>> call, Duration timeout, String onPartialFailure) {
        long start = System.nanoTime();
        CompletableFuture<T> sent;
        try {
            sent = call.get();
        } catch (IllegalArgumentException e) {
            // bad input found before anything was sent: not the store's failure
            breaker.releasePermission();
            throw e;
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "The online store failed the %s: %s%s".formatted(what, e.getMessage(), onPartialFailure), e);
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Runnable cancelTimeout = timeouts.schedule(() -> answer.completeExceptionally(new TimeoutException()), timeout);
        sent.whenComplete((result, error) -> {
            cancelTimeout.run();
            if (error == null) {
                answer.complete(result);
            } else {
                answer.completeExceptionally(error);
            }
        });
        return answer.handle((result, error) -> {
            long elapsed = System.nanoTime() - start;
            if (error == null) {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                return result;
            }
            Throwable cause = unwrap(error);
            if (cause instanceof IllegalArgumentException invalid) {
                breaker.releasePermission();
                throw invalid;
            }
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, cause);
            if (cause instanceof TimeoutException) {
                throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE,
                        "The online store did not answer the %s within %d ms%s".formatted(what, timeout.toMillis(), onPartialFailure), cause);
            }
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "The online store failed the %s: %s%s".formatted(what, cause.getMessage(), onPartialFailure), cause);
        });
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The breaker's state, for health and tests: CLOSED, OPEN, HALF_OPEN. */
    public String circuitState() {
        return breaker.getState().name();
    }
}
