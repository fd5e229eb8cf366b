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
