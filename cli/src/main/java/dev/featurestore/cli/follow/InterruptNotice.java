package dev.featurestore.cli.follow;

import java.io.PrintStream;

/**
 * While following, Ctrl-C (SIGINT, or SIGTERM) stops the command line only: the run or job goes on in its service, and
 * this says how to follow it again. Installed as a shutdown hook, removed when following ends.
 */
public final class InterruptNotice implements AutoCloseable {
    private final Thread hook;

    private InterruptNotice(Thread hook) {
        this.hook = hook;
    }

    /** @param lines what to print, e.g. {@code featurestore runs --follow <id>} */
    public static InterruptNotice install(PrintStream err, String... lines) {
        Thread hook = new Thread(() -> {
            err.println();
            for (String line : lines) {
                err.println(line);
            }
            err.flush();
        }, "featurestore-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(hook);
        return new InterruptNotice(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (IllegalStateException e) {
            // the JVM is shutting down: the notice is being printed
        }
    }
}
