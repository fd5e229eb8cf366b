package dev.featurestore.serving.store;

import static java.util.Objects.requireNonNull;

import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordRead;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.serving.config.ServingProperties;
import dev.featurestore.serving.domain.ServingMetrics;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online store as the service uses it: each call runs under a timeout ({@code redis-timeout} for reads,
 * {@code push-timeout} for writes) and a circuit breaker (after {@code circuit-breaker-failure-rate} percent of the
 * last calls failed, calls answer 503 at once for {@code circuit-breaker-open-for}, then trial calls close it again
 * when Redis is back), in a span {@code online-store read|write} with the number of records, and at most
 * {@code max-in-flight} calls at once (the excess is shed with 503 rather than queued). A request enters it once: its
 * one read. Failures are {@link FeatureStoreException}s (503) naming what failed; bad input found before anything is
 * sent stays an {@link IllegalArgumentException}. States and counts are Micrometer metrics
 * ({@code resilience4j_circuitbreaker_*}, {@code resilience4j_bulkhead_*}, {@code featurestore_online_store_calls_*}).
 */
public final class GuardedOnlineStore implements OnlineStore {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedOnlineStore.class);

    private final OnlineStore store;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final ServingProperties properties;
    private final ServingMetrics metrics;
    private final Tracer tracer;
    private final LoopTimeouts timeouts;
    /** When the circuit last opened ({@link System#nanoTime}). */
    private volatile long openedAt = System.nanoTime();

    public GuardedOnlineStore(OnlineStore store, ServingProperties properties, MeterRegistry meters, ServingMetrics metrics, OpenTelemetry openTelemetry,
            LoopTimeouts timeouts) {
        this.store = requireNonNull(store, "store is null");
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
        this.bulkhead = bulkheads.bulkhead("online-store-calls", BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxInFlight())
                .maxWaitDuration(Duration.ZERO)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            LOG.warn("Online store circuit breaker: {}", event.getStateTransition());
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt = System.nanoTime();
            }
        });
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    }

    @Override
    public CompletableFuture<List<OnlineRecord>> read(List<RecordRead> reads) {
        return admitted("read", reads.size(), () -> store.read(reads), properties.redisTimeout(), "");
    }

    @Override
    public CompletableFuture<WriteResult> write(List<RecordWrite> writes) {
        return admitted("write", writes.size(), () -> store.write(writes), properties.pushTimeout(),
                "; some records may be written (writing them again is safe: writes are newer-wins)");
    }

    @Override
    public CompletableFuture<Long> deleteProject(String project) {
        return store.deleteProject(project);
    }

    @Override
    public void close() {
        store.close();
    }

    /** The call in the bulkhead: 503 at once when {@code max-in-flight} calls are already running. */
    private <T> CompletableFuture<T> admitted(String what, int records, Supplier<CompletableFuture<T>> call, Duration timeout, String onPartialFailure) {
        if (!bulkhead.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE,
                    "Too many online store calls in flight (featurestore.serving.max-in-flight = %d); retry shortly".formatted(properties.maxInFlight())));
        }
        CompletableFuture<T> answer;
        try {
            answer = callAsync(what, records, call, timeout, onPartialFailure);
        } catch (RuntimeException e) {
            bulkhead.onComplete();
            throw e;
        }
        return answer.whenComplete((result, error) -> bulkhead.onComplete());
    }

    /**
     * Calls the online store under the circuit breaker, waiting at most {@code timeout}, in a span
     * {@code online-store <what>} (a child of the request's) with the number of records, without blocking: the answer
     * completes on the thread the store answers on (on an event loop of the server, the request's own thread). The timeout runs on the caller's event loop when it is one (no other
     * thread is woken for it), else on one shared scheduler thread ({@link LoopTimeouts}).
     *
     * @return the store's answer, or a {@link FeatureStoreException} (503) when the store fails, does not answer
     *     in time or its circuit is open, or the {@link IllegalArgumentException} of bad input found before anything
     *     was sent (not counted against the store)
     */
    private <T> CompletableFuture<T> callAsync(String what, int records, Supplier<CompletableFuture<T>> call, Duration timeout, String onPartialFailure) {
        if (!breaker.tryAcquirePermission()) {
            // no call is made: neither a span nor a timed call (Resilience4j counts it: resilience4j_circuitbreaker_not_permitted_calls_total)
            Duration retryAfter = untilTrial();
            return CompletableFuture.failedFuture(FeatureStoreException.unavailable(
                    "The online store is unavailable: its circuit breaker is open after repeated failures (it is tried again within %d s)"
                            .formatted(Math.max(1, retryAfter.toSeconds())), retryAfter, null));
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

    /** How long until an open circuit lets trial calls through (at least a second: what a client should wait). */
    private Duration untilTrial() {
        Duration left = properties.circuitBreakerOpenFor().minusNanos(System.nanoTime() - openedAt);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    /** The breaker's state, for health and tests: CLOSED, OPEN, HALF_OPEN. */
    public String circuitState() {
        return breaker.getState().name();
    }
}
