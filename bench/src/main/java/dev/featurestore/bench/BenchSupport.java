package dev.featurestore.bench;

import dev.featurestore.testkit.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the load generators share: their entry point, the machine's load, free ports, the repository root, bounded waits. */
final class BenchSupport {
    private static final Logger LOG = LoggerFactory.getLogger(BenchSupport.class);
    private static final Duration HEALTH_BOUND = Duration.ofSeconds(180);

    private BenchSupport() {
    }

    /** A bench run: true when everything it checked held. */
    interface Bench {
        boolean run() throws Exception;
    }

    /**
     * Runs a bench with the embedded infrastructure (unless a testkit mode is set) and exits: 0 when it held,
     * 1 when it failed or threw. Exiting also stops a Kafka client thread a closed context may have left behind.
     */
    static void runAndExit(String name, Bench bench) {
        if (System.getProperty("featurestore.testkit.mode") == null && System.getenv("FEATURESTORE_TESTKIT_MODE") == null) {
            System.setProperty("featurestore.testkit.mode", "embedded");
        }
        int status;
        try {
            status = bench.run() ? 0 : 1;
        }
        catch (Exception | Error e) {
            LOG.error("{} failed", name, e);
            status = 1;
        }
        System.exit(status);
    }

    /** Waits (bounded) until a service process answers its health check; fails at once if it exits. */
    static void awaitHealthy(ServiceProcess process) {
        awaitOrFail("%s healthy (log: %s)".formatted(process.module(), process.logFile()), HEALTH_BOUND, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.module() + " exited; see " + process.logFile());
            }
            return process.isHealthy();
        });
        LOG.info("{} healthy (pid {}, log {})", process.module(), process.pid(), process.logFile());
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

    /**
     * The CPU time (user + system, every thread) process {@code pid} has used so far, in milliseconds, from
     * {@code /proc/<pid>/stat} (in clock ticks of 10 ms: measure over thousands of requests); NaN where unknown.
     */
    static double cpuMillis(long pid) {
        if (pid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/%d/stat".formatted(pid)));
            // after the command in parentheses: state is field 3, utime 14 and stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            LOG.debug("No CPU time of {}: {}", pid, e.getMessage());
            return Double.NaN;
        }
    }

    /** {@code sysconf(_SC_CLK_TCK)}: 100 on Linux x86-64 and arm64 kernels. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    /** This process's peak resident memory ({@code VmHWM}: heap, metaspace and native memory such as DuckDB's); 0 where unknown. */
    static long peakResidentBytes() {
        return peakResidentBytes(ProcessHandle.current().pid());
    }

    /** The peak resident memory of process {@code pid} ({@code VmHWM}); 0 where unknown. */
    static long peakResidentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/%d/status".formatted(pid)))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("No peak resident memory: {}", e.getMessage());
        }
        return 0;
    }

    /**
     * Command-line options {@code --name=value} over their defaults, given as {@code "name=value"}: the value of every
     * name, in the defaults' order. An unknown name, or an argument without {@code =}, fails naming the known ones.
     */
    static Map<String, String> options(String[] args, String... defaults) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String option : defaults) {
            values.put(option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
        }
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !values.containsKey(name)) {
                throw new IllegalArgumentException("Unknown option '%s'; known: --%s".formatted(arg, String.join(" --", values.keySet())));
            }
            values.put(name, arg.substring(equals + 1));
        }
        return values;
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
