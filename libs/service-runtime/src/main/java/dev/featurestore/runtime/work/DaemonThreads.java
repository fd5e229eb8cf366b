package dev.featurestore.runtime.work;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ThreadFactory;

/** Thread factories of background workers, which must never keep a stopping JVM alive. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Daemon threads named {@code name}. */
    public static ThreadFactory named(String name) {
        requireNonNull(name, "name is null");
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
