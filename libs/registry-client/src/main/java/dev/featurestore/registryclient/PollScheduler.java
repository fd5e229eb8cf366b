package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the client's periodic poll. Tests pass one they trigger by hand.
 */
public interface PollScheduler {
    /**
     * Runs {@code task} every {@code interval}, the first time one interval from now.
     *
     * @param task the task; it does not throw
     * @param interval the interval
     * @return a handle that stops the runs
     */
    Cancellable schedule(Runnable task, Duration interval);

    /**
     * Stops scheduled runs.
     */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /**
     * A scheduler on a daemon thread of its own.
     *
     * @param threadName the thread's name
     * @return the scheduler
     */
    static PollScheduler daemonThread(String threadName) {
        requireNonNull(threadName, "threadName is null");
        return (task, interval) -> {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
            long nanos = interval.toNanos();
            executor.scheduleWithFixedDelay(task, nanos, nanos, TimeUnit.NANOSECONDS);
            return executor::shutdownNow;
        };
    }
}
