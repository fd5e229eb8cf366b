package dev.featurestore.runtime.work;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pieces of background work (historical jobs, materialization runs) that a table hands out to instances: claims
 * work every poll interval (and when woken) while fewer than {@code maxConcurrent} run here, runs each on a worker
 * thread, saves each one's progress every heartbeat (which also keeps its lease; work that is no longer this
 * instance's is asked to stop), and cleans up every hour. On {@link #close()} the running work is asked to stop and
 * given ten seconds to do so.
 *
 * @param <L> what this instance knows of a piece of work running here
 */
public final class WorkRunner<L extends LocalWork> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkRunner.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final int maxConcurrent;
    private final Queue<L> queue;
    private final String owner;
    private final Map<UUID, L> running = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /**
     * Where the work comes from and how it is kept.
     *
     * @param <L> what an instance knows of a piece of work running here
     */
    public interface Queue<L extends LocalWork> {
        /** Takes the next piece of work for {@code owner}, with what runs it (on a worker thread), or empty. */
        Optional<Claimed<L>> claim(String owner);

        /**
         * Saves the progress of work running here and renews its lease.
         *
         * @return false when the work is no longer this instance's (it is then asked to stop)
         */
        boolean heartbeat(UUID id, String owner, L local);

        /** Runs after each round of heartbeats. */
        default void afterHeartbeats() {
        }

        /** Deletes what is kept too long; runs hourly. */
        void cleanUp();
    }

    /**
     * Claimed work.
     *
     * @param id its id
     * @param local its in-memory state here
     * @param task what runs it; the runner forgets the work and looks for more once it returns
     */
    public record Claimed<L extends LocalWork>(UUID id, L local, Runnable task) {
        public Claimed {
            requireNonNull(id, "id is null");
            requireNonNull(local, "local is null");
            requireNonNull(task, "task is null");
        }
    }

    /**
     * Starts claiming at once.
     *
     * @param name names the owner ({@code <name>-<uuid>}) and the threads
     */
    public WorkRunner(String name, int maxConcurrent, Duration pollInterval, Duration heartbeatInterval, Queue<L> queue) {
        this.name = requireNonNull(name, "name is null");
        this.maxConcurrent = maxConcurrent;
        this.queue = requireNonNull(queue, "queue is null");
        this.owner = name + "-" + UUID.randomUUID();
        this.workers = Executors.newFixedThreadPool(maxConcurrent, DaemonThreads.named(name + "-work"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name + "-scheduler"));
        scheduler.scheduleWithFixedDelay(this::claimQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::heartbeatQuietly, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::cleanUpQuietly, 1, 60, TimeUnit.MINUTES);
    }

    /** This instance's name in the work table's owner column. */
    public String owner() {
        return owner;
    }

    /** Looks for work now (after work was queued). */
    public void wake() {
        if (!stopped.get()) {
            scheduler.execute(this::claimQuietly);
        }
    }

    /** The state of work running here, if it is. */
    public Optional<L> local(UUID id) {
        return Optional.ofNullable(running.get(id));
    }

    /** Whether this runner is shutting down (work stopped now is not given up by its instance's failure). */
    public boolean stopping() {
        return stopped.get();
    }

    private void claimQuietly() {
        try {
            while (!stopped.get() && running.size() < maxConcurrent) {
                Optional<Claimed<L>> claimed = queue.claim(owner);
                if (claimed.isEmpty()) {
                    return;
                }
                start(claimed.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: could not look for queued work: {}", name, e.getMessage());
        }
    }

    private void start(Claimed<L> claimed) {
        running.put(claimed.id(), claimed.local());
        workers.execute(() -> {
            try {
                claimed.task().run();
            } finally {
                running.remove(claimed.id());
                wake();
            }
        });
    }

    private void heartbeatQuietly() {
        for (Map.Entry<UUID, L> entry : running.entrySet()) {
            try {
                if (!queue.heartbeat(entry.getKey(), owner, entry.getValue())) {
                    LOG.warn("{} {} is no longer this instance's (its lease was taken over); stopping it here", name, entry.getKey());
                    entry.getValue().stop();
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not save the progress of {} {}: {}", name, entry.getKey(), e.getMessage());
            }
        }
        try {
            queue.afterHeartbeats();
        } catch (RuntimeException e) {
            LOG.warn("{}: after the heartbeats: {}", name, e.getMessage());
        }
    }

    private void cleanUpQuietly() {
        try {
            queue.cleanUp();
        } catch (RuntimeException e) {
            LOG.warn("{}: could not clean up: {}", name, e.getMessage());
        }
    }

    /** Stops claiming, asks the work running here to stop, and waits a little for it. */
    @Override
    public void close() {
        stopped.set(true);
        scheduler.shutdownNow();
        running.values().forEach(LocalWork::stop);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
