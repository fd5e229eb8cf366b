package dev.featurestore.registryclient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link PollScheduler} whose scheduled tasks run only when the test says so. */
final class TestingPollScheduler implements PollScheduler {
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<Duration> intervals = new ArrayList<>();
    private boolean cancelled;

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration interval) {
        tasks.add(task);
        intervals.add(interval);
        return () -> {
            synchronized (this) {
                cancelled = true;
            }
        };
    }

    /** One interval elapses: every scheduled task runs once (unless cancelled). */
    void elapseInterval() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            toRun = List.copyOf(tasks);
        }
        toRun.forEach(Runnable::run);
    }

    synchronized List<Duration> intervals() {
        return List.copyOf(intervals);
    }

    synchronized boolean cancelled() {
        return cancelled;
    }
}
