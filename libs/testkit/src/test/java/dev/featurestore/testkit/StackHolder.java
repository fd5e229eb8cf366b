package dev.featurestore.testkit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Run by {@link KilledStackTest} in a JVM of its own: starts an embedded stack with a data directory
 * on the given ports, as the dev stack does, prints {@link #READY} and waits to be killed.
 */
public final class StackHolder {
    static final String READY = "stack holder ready";

    private StackHolder() {
    }

    public static void main(String[] arguments) throws InterruptedException {
        StackOptions options = new StackOptions(StackMode.EMBEDDED,
                Integer.parseInt(arguments[1]), Integer.parseInt(arguments[2]),
                Integer.parseInt(arguments[3]), Integer.parseInt(arguments[4]),
                Optional.of(Path.of(arguments[0])));
        TestStack.startClosedByCaller(options);
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
