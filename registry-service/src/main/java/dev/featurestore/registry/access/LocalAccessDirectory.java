package dev.featurestore.registry.access;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.access.AccessSnapshot;
import dev.featurestore.registry.domain.access.AccessService;
import dev.featurestore.runtime.security.AccessDirectory;
import dev.featurestore.runtime.security.SecurityProperties;
import dev.featurestore.runtime.work.DaemonThreads;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's own directory ({@code featurestore.security.directory: local}): the access tables, read again when
 * this replica changes them and whenever their version moved (checked every {@code refresh-interval}, for the changes
 * of other replicas).
 */
@Singleton
@Requires(property = SecurityProperties.PREFIX + ".directory", value = "local")
public final class LocalAccessDirectory implements AccessDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAccessDirectory.class);

    private final AccessService access;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile AccessSnapshot.Index current = AccessSnapshot.empty().index();

    public LocalAccessDirectory(AccessService access, SecurityProperties properties) {
        this.access = requireNonNull(access, "access is null");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("access-directory"));
        scheduler.scheduleWithFixedDelay(this::refreshIfMoved, 0, properties.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public AccessSnapshot.Index current() {
        return current;
    }

    @Override
    public synchronized void refresh() {
        try {
            current = access.snapshot().index();
            recovered();
        }
        catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Cannot read API keys and role bindings ({}); keeping the last ones read (version {})", e.toString(), current.version());
            }
        }
    }

    private void refreshIfMoved() {
        try {
            if (current.version() == 0 || access.version() != current.version()) {
                refresh();
            }
            else {
                recovered();
            }
        }
        catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Cannot read the access version ({}); keeping the last API keys and role bindings read (version {})", e.toString(),
                        current.version());
            }
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            LOG.info("Reading API keys and role bindings again (version {})", current.version());
        }
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
    }
}
