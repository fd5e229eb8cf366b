package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service of the suite running as a child process from its thin jar
 * ({@code <module>/target/<module>.jar} with its dependencies in {@code target/lib}), as the dev stack
 * runs them and as a test runs a service it talks to from another module. Configuration is passed as
 * environment variables, exactly as docker-compose does, so both paths exercise the same mapping.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final int port;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String module, int port, Path logFile, Process process) {
        this.module = module;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * What a test from another module does: starts the service from the repository this build runs in (system
     * property {@code featurestore.repository-root}, else the nearest directory above the working directory with
     * {@code mvnw}) on a free port, with a small heap, logging to {@code target/<module>-<port>.log}, and waits until
     * its {@code /health} is UP.
     *
     * @throws IllegalStateException naming the log when the service exits or is not healthy within {@code timeout}
     */
    public static ServiceProcess startHealthy(String module, Map<String, Object> properties, Duration timeout) {
        int port = Ports.freePort();
        Path logFile = Path.of("target", "%s-%d.log".formatted(module, port)).toAbsolutePath();
        ServiceProcess service = start(repositoryRoot(), module, port, properties, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), logFile);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!service.isHealthy()) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("%s exited before it was healthy; see %s".formatted(module, logFile));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("%s was not healthy within %s; see %s".formatted(module, timeout, logFile));
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.close();
            throw new IllegalStateException("interrupted while waiting for %s".formatted(module), e);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The repository root: {@code featurestore.repository-root}, else the nearest directory above the working directory holding {@code mvnw}. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("featurestore.repository-root");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("mvnw"))) {
                return directory;
            }
        }
        throw new IllegalStateException("no repository root (a directory with mvnw) above %s; set featurestore.repository-root"
                .formatted(Path.of("").toAbsolutePath()));
    }

    /**
     * Starts the service. {@code properties} are Micronaut properties (e.g. {@code kafka.bootstrap.servers});
     * each is handed over as its environment variable.
     */
    public static ServiceProcess start(
            Path repositoryRoot,
            String module,
            int port,
            Map<String, Object> properties,
            List<String> javaOptions,
            Path logFile) {
        requireNonNull(repositoryRoot, "repositoryRoot is null");
        requireNonNull(module, "module is null");
        requireNonNull(properties, "properties is null");
        requireNonNull(javaOptions, "javaOptions is null");
        requireNonNull(logFile, "logFile is null");
        Path jar = repositoryRoot.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "%s not found: build it first (./mvnw -DskipTests package -pl %s -am)".formatted(jar, module));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repositoryRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> environment = builder.environment();
        properties.forEach((key, value) ->
                environment.put(EnvironmentNames.toEnvironmentVariable(key), String.valueOf(value)));
        environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        try {
            Files.createDirectories(logFile.getParent());
            Process process = builder.start();
            // A child outlives the JVM that started it: stop it when that JVM exits, so that a test whose teardown never
            // ran (its set-up failed after this start) or a killed bench leaves no service behind.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (process.isAlive()) {
                    process.destroy();
                }
            }, "stop-" + module));
            LOG.debug("Started {} (pid {}) on port {}", module, process.pid(), port);
            return new ServiceProcess(module, port, logFile, process);
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot start %s: %s".formatted(module, e.getMessage()), e);
        }
    }

    /** The Maven module, e.g. {@code registry-service}. */
    public String module() {
        return module;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True when {@code GET /health} answers 200 with status UP. */
    public boolean isHealthy() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/health"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the process: SIGTERM, then a forced kill if it has not exited within the grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within 15 s, killing it", module);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
