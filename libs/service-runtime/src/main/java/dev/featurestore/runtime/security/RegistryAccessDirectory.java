package dev.featurestore.runtime.security;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.access.AccessSnapshot;
import dev.featurestore.contracts.json.ContractsJson;
import dev.featurestore.runtime.work.DaemonThreads;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code GET {registry}/v1/access} with the service key every {@code featurestore.security.refresh-interval}
 * (conditional on the last ETag, so an unchanged directory costs a 304), and keeps the last snapshot read. Until the
 * first read only the configured keys authenticate; while the registry cannot be read the last snapshot stays in use
 * (logged once per outage).
 */
@Singleton
@Requires(property = SecurityProperties.PREFIX + ".enabled", notEquals = "false")
@Requires(property = SecurityProperties.PREFIX + ".directory", value = "registry", defaultValue = "registry")
public final class RegistryAccessDirectory implements AccessDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryAccessDirectory.class);

    private final URI accessUri;
    private final String serviceKey;
    private final SecurityProperties properties;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile AccessSnapshot.Index current = AccessSnapshot.empty().index();
    private volatile Optional<String> etag = Optional.empty();

    public RegistryAccessDirectory(SecurityProperties properties) {
        this.properties = requireNonNull(properties, "properties is null");
        String base = properties.registryUrl().strip();
        this.accessUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/access");
        this.serviceKey = properties.serviceKeyValue().orElseThrow();
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("access-directory"));
        long period = properties.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refresh, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public AccessSnapshot.Index current() {
        return current;
    }

    @Override
    public synchronized void refresh() {
        HttpRequest.Builder request = HttpRequest.newBuilder(accessUri)
                .timeout(properties.timeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + serviceKey)
                .GET();
        etag.ifPresent(tag -> request.header("If-None-Match", tag));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 304) {
                recovered();
                return;
            }
            if (response.statusCode() != 200) {
                failed("the registry answered %d".formatted(response.statusCode()));
                return;
            }
            AccessSnapshot snapshot = ContractsJson.mapper().readValue(response.body(), Argument.of(AccessSnapshot.class));
            if (snapshot.version() != current.version() || current.version() == 0) {
                current = snapshot.index();
                LOG.debug("Access directory at version {}: {} API keys, {} role bindings", snapshot.version(),
                        snapshot.apiKeys().size(), snapshot.roleBindings().size());
            }
            etag = response.headers().firstValue("ETag");
            recovered();
        }
        catch (IOException | RuntimeException e) {
            failed(e.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(String reason) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn("Cannot read API keys and role bindings from {} ({}); keeping the last ones read (version {})", accessUri, reason,
                    current.version());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            LOG.info("Reading API keys and role bindings from {} again (version {})", accessUri, current.version());
        }
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
    }
}
