package dev.featurestore.runtime.health;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health of one external dependency, reported under a fixed name ({@code postgresql}, {@code kafka},
 * {@code redis}, {@code s3}). The probe runs on the blocking executor and counts as DOWN when it
 * fails or does not answer within {@code featurestore.health.timeout}. Details always carry where
 * the dependency is (never credentials); a DOWN result adds the error. Transitions are logged once,
 * not on every probe.
 */
public abstract class DependencyHealthIndicator implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(DependencyHealthIndicator.class);

    private final String name;
    private final ExecutorService executor;
    private final Duration timeout;
    private final AtomicReference<HealthStatus> lastStatus = new AtomicReference<>(HealthStatus.UP);

    protected DependencyHealthIndicator(String name, ExecutorService executor, HealthProperties properties) {
        this.name = requireNonNull(name, "name is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.timeout = requireNonNull(properties, "properties is null").timeout();
    }

    /** Where the dependency is, e.g. {@code {"endpoint": "http://127.0.0.1:19000", "bucket": "featurestore"}}; no secrets. */
    protected abstract Map<String, Object> location();

    /**
     * Talks to the dependency once and returns what it learnt (e.g. the server version).
     * Throws when the dependency does not answer as it should.
     */
    protected abstract Map<String, Object> probe(Duration timeout) throws Exception;

    @Override
    public final Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(this::check, executor)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(this::down));
    }

    public final String name() {
        return name;
    }

    private HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>(location());
        try {
            details.putAll(probe(timeout));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
        catch (Exception e) {
            throw new CompletionException(e);
        }
        if (lastStatus.getAndSet(HealthStatus.UP) != HealthStatus.UP) {
            LOG.info("{} is UP again", name);
        }
        return HealthResult.builder(name, HealthStatus.UP).details(details).build();
    }

    private HealthResult down(Throwable failure) {
        Throwable cause = unwrap(failure);
        String error = cause instanceof TimeoutException
                ? "no answer within %s".formatted(timeout)
                : "%s: %s".formatted(cause.getClass().getSimpleName(), cause.getMessage());
        if (lastStatus.getAndSet(HealthStatus.DOWN) != HealthStatus.DOWN) {
            LOG.warn("{} is DOWN: {}", name, error);
        }
        Map<String, Object> details = new LinkedHashMap<>(location());
        details.put("error", error);
        return HealthResult.builder(name, HealthStatus.DOWN).details(details).build();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
