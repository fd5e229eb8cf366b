package dev.featurestore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** What the load generators share: the machine's load, free ports, the repository root, bounded waits. */
final class BenchSupport {
    private BenchSupport() {
    }

    /** The 1, 5 and 15 minute load averages, or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return "%s %s %s".formatted(parts[0], parts[1], parts[2]);
        }
        catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    static void awaitOrFail(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after %s waiting for %s".formatted(bound, what));
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + what);
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: {@code -Dbench.repository-root}, else the working directory or a parent holding registry-service/. */
    static Path repositoryRoot() {
        String configured = System.getProperty("bench.repository-root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("registry-service/pom.xml"))) {
                return directory;
            }
        }
        throw new IllegalStateException("Run from the repository (no registry-service/pom.xml in the working directory or its parents)"
                + " or set -Dbench.repository-root");
    }
}
