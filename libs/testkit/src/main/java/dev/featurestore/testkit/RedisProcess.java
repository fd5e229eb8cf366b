package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * One redis-server child process, from the binary embedded-redis ships (Redis 6.2), or the one
 * named by system property {@code featurestore.testkit.redis-server} (e.g. Debian's
 * {@code /usr/bin/redis-server}). Bound to 127.0.0.1, working in its own directory.
 */
final class RedisProcess {
    private static final Object EXECUTABLE_LOCK = new Object();
    private static File executable;

    private final int port;
    private final Path directory;
    private final List<String> settings;
    private Process process;

    RedisProcess(int port, Path directory, List<String> settings) {
        this.port = port;
        this.directory = requireNonNull(directory, "directory is null");
        this.settings = List.copyOf(settings);
    }

    int port() {
        return port;
    }

    private static File executable() {
        synchronized (EXECUTABLE_LOCK) {
            if (executable == null) {
                String configured = System.getProperty("featurestore.testkit.redis-server");
                try {
                    executable = configured != null
                            ? new File(configured)
                            : ExecutableProvider.newJarResourceProvider().get();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot unpack the redis-server binary", e);
                }
                if (!executable.canExecute() && !executable.setExecutable(true)) {
                    throw new IllegalStateException("redis-server %s is not executable".formatted(executable));
                }
            }
            return executable;
        }
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Ports.awaitReleased(port, Duration.ofSeconds(30));
        // Settings come as "name value"; redis-server takes them as "--name value".
        List<String> arguments = new ArrayList<>(List.of(
                executable().getAbsolutePath(),
                "--port", String.valueOf(port),
                "--bind", Ports.LOOPBACK,
                "--dir", directory.toAbsolutePath().toString(),
                "--daemonize", "no",
                "--logfile", "redis.log"));
        for (String setting : settings) {
            String[] parts = setting.split(" ", 2);
            arguments.add("--" + parts[0]);
            if (parts.length > 1) {
                arguments.add(parts[1]);
            }
        }
        process = launch(arguments);
        Process started = process;
        try {
            Waits.until("redis-server on port %d".formatted(port), Duration.ofSeconds(30),
                    () -> {
                        if (!started.isAlive()) {
                            throw new IllegalStateException("redis-server on port %d exited with %d, see %s"
                                    .formatted(port, started.exitValue(), directory.resolve("redis.log")));
                        }
                        return Resp.answersPing(Ports.LOOPBACK, port);
                    });
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Runs redis-server. A binary just unpacked may still be open for writing in a child another thread forked
     * meanwhile (PostgreSQL starting in parallel), until that child execs: exec then fails with "Text file busy"
     * (ETXTBSY) for a moment, so that error is retried briefly.
     */
    private Process launch(List<String> arguments) {
        ProcessBuilder builder = new ProcessBuilder(arguments)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.out").toFile());
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt >= 20 || e.getMessage() == null || !e.getMessage().contains("error=26")) {
                    throw new UncheckedIOException("cannot start redis-server on port %d".formatted(port), e);
                }
                Waits.pause(Duration.ofMillis(100));
            }
        }
    }

    /** SIGTERM: redis-server writes its append-only file / snapshot and exits. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        Process stopping = process;
        process = null;
        stopping.destroy();
        try {
            if (!stopping.waitFor(20, TimeUnit.SECONDS)) {
                stopping.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            stopping.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }
}
