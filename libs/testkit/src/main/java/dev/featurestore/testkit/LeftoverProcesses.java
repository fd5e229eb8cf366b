package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server processes that a previous run left behind in a kept data directory. PostgreSQL detaches
 * from its parent (pg_ctl starts the postmaster in a session of its own), so when the JVM that
 * started it is killed with SIGKILL, even as a whole process group, the postmaster keeps running
 * and holds the port; a redis-server survives a SIGKILL of its JVM alone. Before a server starts
 * on a data directory it stops such a leftover, found by the pid file in that directory, but only
 * when the process is still the server of that same directory: an executable of the expected name,
 * owned by this user, working in that directory (on Linux, read from {@code /proc}). A pid file
 * naming any other process is left alone; the server's own start then reports the conflict.
 */
final class LeftoverProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverProcesses.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private LeftoverProcesses() {
    }

    /**
     * Stops the process the pid file names if it is the {@code executable} working in
     * {@code directory}, with {@code signal} (e.g. {@code INT} for PostgreSQL's fast shutdown),
     * and waits until it is gone.
     *
     * @return whether a leftover process was stopped
     */
    static boolean stopIfLeftOver(Path pidFile, Path directory, String executable, String signal) {
        requireNonNull(pidFile, "pidFile is null");
        requireNonNull(directory, "directory is null");
        requireNonNull(executable, "executable is null");
        requireNonNull(signal, "signal is null");
        Optional<ProcessHandle> process = pidOf(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isServerOf(process.get(), directory, executable)) {
            return false;
        }
        long pid = process.get().pid();
        LOG.warn("Stopping {} (pid {}) left running in {} by an earlier run that was killed", executable, pid, directory);
        signal(pid, signal);
        try {
            process.get().onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping %s (pid %d)".formatted(executable, pid), e);
        } catch (Exception e) {
            throw new IllegalStateException("%s (pid %d) left running in %s did not stop within %s; stop it and start again"
                    .formatted(executable, pid, directory, STOP_TIMEOUT), e);
        }
        return true;
    }

    /** The pid on the pid file's first line (PostgreSQL's postmaster.pid and redis-server's pidfile both start so). */
    static Optional<Long> pidOf(Path pidFile) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            return pid > 1 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean isServerOf(ProcessHandle process, Path directory, String executable) {
        ProcessHandle.Info info = process.info();
        boolean named = info.command().map(command -> Path.of(command).getFileName().toString().startsWith(executable))
                .orElse(false);
        boolean ours = info.user().map(user -> user.equals(System.getProperty("user.name"))).orElse(false);
        return named && ours && worksIn(process.pid(), directory);
    }

    /** On Linux the process's working directory must be {@code directory}; elsewhere the name and user have to do. */
    private static boolean worksIn(long pid, Path directory) {
        Path cwd = Path.of("/proc", String.valueOf(pid), "cwd");
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return true;
        }
        try {
            return Files.isSameFile(cwd.toRealPath(), directory.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, String.valueOf(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -s %s %d failed".formatted(signal, pid));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal pid %d".formatted(pid), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling pid %d".formatted(pid), e);
        }
    }
}
