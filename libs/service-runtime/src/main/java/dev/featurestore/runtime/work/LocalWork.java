package dev.featurestore.runtime.work;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an instance knows of a piece of background work (a job, a run) it is running: its phase and progress, which
 * the runner saves every heartbeat and answers fresher than its table, and whether it was asked to stop. Thread-safe:
 * the work updates it, the runner's heartbeat and the API read it.
 */
public class LocalWork {
    private final AtomicLong rowsDone = new AtomicLong();
    private final AtomicLong rowsTotal = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile String phase = "starting";

    /** What the work is doing now. */
    public void phase(String description) {
        phase = description;
    }

    /** Rows done so far, of {@code total}. */
    public void progress(long done, long total) {
        rowsDone.set(done);
        rowsTotal.set(total);
    }

    public String phase() {
        return phase;
    }

    public long rowsDone() {
        return rowsDone.get();
    }

    public long rowsTotal() {
        return rowsTotal.get();
    }

    /** Rows done and rows total, read together. */
    public long[] progress() {
        return new long[] {rowsDone.get(), rowsTotal.get()};
    }

    /** Asks the work to stop at its next check. */
    public void stop() {
        stop.set(true);
    }

    public boolean stopping() {
        return stop.get();
    }
}
