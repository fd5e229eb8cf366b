package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import dev.featurestore.registryclient.RegistryLookupException.Reason;
import dev.featurestore.registryclient.SnapshotFetcher.Answer;
import dev.featurestore.registryclient.SnapshotFetcher.Modified;
import dev.featurestore.registryclient.SnapshotFetcher.ProjectNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RegistryClient} over the registry's HTTP API ({@code GET /v1/projects/{project}/registry}
 * with {@code If-None-Match}), with a per-project cache.
 *
 * <p>Fetches of one project are serialized; a lookup miss coalesces with a fetch that started
 * after the lookup did (several requests missing at once cost one fetch). Lookups of a cached
 * project never wait for a fetch: they read the current immutable {@link ProjectRegistry}.
 * A snapshot older than the cached one (a lagging registry replica) never replaces it.
 */
public final class HttpRegistryClient implements RegistryClient {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRegistryClient.class);

    private final RegistryClientConfig config;
    private final SnapshotFetcher fetcher;
    private final Clock clock;
    private final ConcurrentMap<String, CachedProject> projects = new ConcurrentHashMap<>();
    private final PollScheduler.Cancellable poll;

    /**
     * A client polling on a daemon thread of its own, with the system clock.
     *
     * @param config the settings
     * @return the client
     */
    public static HttpRegistryClient create(RegistryClientConfig config) {
        return new HttpRegistryClient(config, Clock.systemUTC(), PollScheduler.daemonThread("registry-client-poll"));
    }

    /**
     * A client.
     *
     * @param config the settings
     * @param clock gives {@link #checkedAt} times
     * @param scheduler runs {@link #poll()} every {@link RegistryClientConfig#pollInterval()}
     */
    public HttpRegistryClient(RegistryClientConfig config, Clock clock, PollScheduler scheduler) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.fetcher = new SnapshotFetcher(config.url(), config.timeout(), config.credential());
        this.poll = requireNonNull(scheduler, "scheduler is null").schedule(this::poll, config.pollInterval());
    }

    public RegistryClientConfig config() {
        return config;
    }

    @Override
    public ProjectRegistry registry(String project) {
        requireNonNull(project, "project is null");
        CachedProject cached = projects.get(project);
        if (cached != null) {
            Entry entry = cached.entry;
            if (entry != null) {
                return entry.registry();
            }
        }
        return load(project);
    }

    @Override
    public <T> T lookup(String project, Function<ProjectRegistry, T> lookup) {
        requireNonNull(project, "project is null");
        requireNonNull(lookup, "lookup is null");
        CachedProject cached = projects.get(project);
        Entry entry = cached == null ? null : cached.entry;
        if (entry == null) {
            // Just fetched: a miss now is an answer, not a stale cache.
            return lookup.apply(load(project));
        }
        long fetchesStartedBefore = cached.fetchesStarted;
        try {
            return lookup.apply(entry.registry());
        }
        catch (RegistryLookupException miss) {
            if (miss.reason() == Reason.INVALID_REFERENCE) {
                throw miss;
            }
            ProjectRegistry refreshed;
            try {
                refreshed = refetchAfterMiss(project, cached, fetchesStartedBefore);
            }
            catch (RegistryUnavailableException e) {
                throw miss.withNote("(the registry could not be asked for a newer snapshot: %s)".formatted(e.getMessage()), e);
            }
            LOG.debug("Lookup in project {} missed at registry version {}; re-fetched version {}", project,
                    entry.registry().registryVersion(), refreshed.registryVersion());
            return lookup.apply(refreshed);
        }
    }

    @Override
    public void onRegistryChange(String project, long registryVersion) {
        requireNonNull(project, "project is null");
        CachedProject cached = projects.get(project);
        Entry entry = cached == null ? null : cached.entry;
        if (entry == null) {
            LOG.debug("Registry change of project {} (version {}) ignored: not cached", project, registryVersion);
            return;
        }
        if (registryVersion <= entry.registry().registryVersion()) {
            LOG.debug("Registry change of project {} (version {}) ignored: cached version {}", project, registryVersion,
                    entry.registry().registryVersion());
            return;
        }
        try {
            cached.lock.lock();
            try {
                Entry current = cached.entry;
                if (current != null && current.registry().registryVersion() >= registryVersion) {
                    return;
                }
                fetch(project, cached);
            }
            finally {
                cached.lock.unlock();
            }
        }
        catch (RuntimeException e) {
            LOG.warn("Cannot refresh the registry of project {} to version {}: {}", project, registryVersion, e.getMessage());
        }
    }

    @Override
    public Optional<ProjectRegistry> cached(String project) {
        requireNonNull(project, "project is null");
        CachedProject cached = projects.get(project);
        Entry entry = cached == null ? null : cached.entry;
        return entry == null ? Optional.empty() : Optional.of(entry.registry());
    }

    /**
     * When the registry last confirmed the cached snapshot of a project (a fetch answering it or a 304).
     *
     * @param project the project
     * @return the time by the client's clock, empty when the project is not cached
     */
    public Optional<Instant> checkedAt(String project) {
        requireNonNull(project, "project is null");
        CachedProject cached = projects.get(project);
        Entry entry = cached == null ? null : cached.entry;
        return entry == null ? Optional.empty() : Optional.of(entry.checkedAt());
    }

    /**
     * The projects in the cache.
     *
     * @return their names
     */
    public List<String> cachedProjects() {
        return projects.entrySet().stream().filter(cached -> cached.getValue().entry != null).map(java.util.Map.Entry::getKey).sorted().toList();
    }

    /**
     * Checks every cached project against the registry now (a conditional GET each): what the
     * scheduler runs every poll interval. A deleted project leaves the cache; a failure is logged
     * and the cached snapshot kept.
     */
    public void poll() {
        for (String project : cachedProjects()) {
            CachedProject cached = projects.get(project);
            if (cached == null) {
                continue;
            }
            try {
                cached.lock.lock();
                try {
                    fetch(project, cached);
                }
                finally {
                    cached.lock.unlock();
                }
            }
            catch (RuntimeException e) {
                LOG.warn("Polling the registry of project {} failed: {}", project, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        poll.cancel();
    }

    private ProjectRegistry load(String project) {
        CachedProject cached = projects.computeIfAbsent(project, CachedProject::new);
        cached.lock.lock();
        try {
            Entry entry = cached.entry;
            if (entry != null) {
                return entry.registry();
            }
            return fetchOrThrow(project, cached);
        }
        finally {
            cached.lock.unlock();
            if (cached.entry == null) {
                projects.remove(project, cached);
            }
        }
    }

    private ProjectRegistry refetchAfterMiss(String project, CachedProject cached, long fetchesStartedBefore) {
        cached.lock.lock();
        try {
            Entry entry = cached.entry;
            if (entry != null && cached.fetchesCompleted > fetchesStartedBefore) {
                // A fetch that started after the lookup began has completed: its answer is fresh enough.
                return entry.registry();
            }
            return fetchOrThrow(project, cached);
        }
        finally {
            cached.lock.unlock();
        }
    }

    private ProjectRegistry fetchOrThrow(String project, CachedProject cached) {
        return fetch(project, cached).orElseThrow(() -> new RegistryLookupException(Reason.UNKNOWN_PROJECT, project, project,
                "Unknown project '%s': the registry at %s has no such project".formatted(project, config.url())));
    }

    /**
     * One conditional fetch; the caller holds {@code cached.lock}.
     *
     * @return the registry now cached, empty when the registry has no such project (it left the cache)
     */
    private Optional<ProjectRegistry> fetch(String project, CachedProject cached) {
        long sequence = ++cached.fetchesStarted;
        Entry entry = cached.entry;
        Answer answer = fetcher.fetch(project, entry == null ? Optional.empty() : entry.etag());
        Instant now = clock.instant();
        if (answer instanceof Modified modified) {
            if (entry != null && modified.snapshot().registryVersion() < entry.registry().registryVersion()) {
                LOG.debug("Registry of project {} answered version {}, older than the cached {}: kept the cached one",
                        project, modified.snapshot().registryVersion(), entry.registry().registryVersion());
                cached.entry = new Entry(entry.registry(), entry.etag(), now);
            }
            else {
                ProjectRegistry registry = ProjectRegistry.of(modified.snapshot());
                if (entry == null || registry.registryVersion() != entry.registry().registryVersion()) {
                    LOG.debug("Registry of project {} now at version {}", project, registry.registryVersion());
                }
                cached.entry = new Entry(registry, modified.etag(), now);
            }
            cached.fetchesCompleted = sequence;
            return Optional.of(cached.entry.registry());
        }
        if (answer instanceof ProjectNotFound) {
            if (entry != null) {
                LOG.info("Project {} is gone from the registry: dropped from the cache", project);
            }
            cached.entry = null;
            cached.fetchesCompleted = sequence;
            projects.remove(project, cached);
            return Optional.empty();
        }
        if (entry == null) {
            throw new RegistryUnavailableException("The registry answered 304 Not Modified for project '%s' without a cached snapshot"
                    .formatted(project));
        }
        cached.entry = new Entry(entry.registry(), entry.etag(), now);
        cached.fetchesCompleted = sequence;
        return Optional.of(entry.registry());
    }

    private record Entry(ProjectRegistry registry, Optional<String> etag, Instant checkedAt) {
    }

    /** One project's cache slot; {@code entry} is replaced whole, under {@code lock}. */
    private static final class CachedProject {
        private final String project;
        private final ReentrantLock lock = new ReentrantLock();
        private volatile Entry entry;
        private volatile long fetchesStarted;
        private volatile long fetchesCompleted;

        private CachedProject(String project) {
            this.project = project;
        }

        @Override
        public String toString() {
            return "CachedProject[" + project + "]";
        }
    }
}
