package dev.featurestore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real suite for the command line's tests: the dev stack (devstack/, its own start command's class path:
 * target/classes + target/lib) as a child process with a fresh data directory and free ports, started once per test
 * JVM and stopped (SIGTERM: it stops its services and infrastructure) when the JVM exits. It writes the demo data
 * into its bucket; the example repository is not applied (each test applies its own projects). Commands find it
 * through its endpoints file ({@code FEATURESTORE_ENDPOINTS_FILE}): the services' URLs, the S3 API and the admin key.
 */
public final class TestDevStack {
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static TestDevStack shared;

    private final Process process;
    private final Path dataDirectory;
    private final Path log;
    private final JsonNode endpoints;

    private TestDevStack(Process process, Path dataDirectory, Path log, JsonNode endpoints) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.endpoints = endpoints;
    }

    /** The one dev stack of this JVM, started on first use. */
    public static synchronized TestDevStack shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "test-devstack-stop"));
        }
        return shared;
    }

    private static TestDevStack start() {
        for (String module : List.of("registry-service", "serving-service", "historical-service", "materialization-service", "monitoring-service")) {
            require(ROOT.resolve(module).resolve("target").resolve(module + ".jar"));
        }
        require(ROOT.resolve("devstack/target/lib"));
        try {
            Path dataDirectory = Files.createDirectories(ROOT.resolve("cli/target/devstack-" + System.nanoTime()));
            Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m",
                    "-cp", ROOT.resolve("devstack/target/classes") + File.pathSeparator + ROOT.resolve("devstack/target/lib/*"),
                    "-Dfeaturestore.devstack.root=" + ROOT,
                    "-Dfeaturestore.devstack.data-dir=" + dataDirectory,
                    "-Dfeaturestore.devstack.kafka-port=0",
                    "-Dfeaturestore.devstack.postgres-port=0",
                    "-Dfeaturestore.devstack.redis-port=0",
                    "-Dfeaturestore.devstack.s3-port=0",
                    "-Dfeaturestore.devstack.start-timeout-seconds=240",
                    "-Dfeaturestore.devstack.example-repository=none",
                    "-Dfeaturestore.devstack.demo-stream-interval=0"));
            for (String service : List.of("registry", "serving", "historical", "materialization", "monitoring")) {
                command.add("-Dfeaturestore.devstack.%s-port=%d".formatted(service, freePort()));
            }
            command.add("dev.featurestore.devstack.DevStack");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.exists(log) || !Files.readString(log).contains("Press Ctrl-C to stop")) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the dev stack exited during start-up:%n%s".formatted(Files.readString(log)));
                }
                if (System.nanoTime() > deadline) {
                    process.destroy();
                    throw new IllegalStateException("the dev stack did not start within %d s; see %s".formatted(START_TIMEOUT.toSeconds(), log));
                }
                Thread.sleep(500);
            }
            return new TestDevStack(process, dataDirectory, log, Json.MAPPER.readTree(dataDirectory.resolve("endpoints.json").toFile()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void require(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("%s is missing: build the suite first (./mvnw -B verify -pl cli -am builds what the tests need)".formatted(path));
        }
    }

    private void stop() {
        process.destroy();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the command line finds the stack: {@code FEATURESTORE_ENDPOINTS_FILE} (services, S3 API, admin key). */
    public Map<String, String> environment() {
        return Map.of("FEATURESTORE_ENDPOINTS_FILE", endpointsFile().toString());
    }

    public Path endpointsFile() {
        return dataDirectory.resolve("endpoints.json");
    }

    public String serviceUrl(String service) {
        return endpoints.path("services").path(service).asText();
    }

    public String adminKey() {
        return endpoints.path("security").path("admin_key").asText();
    }

    public Path log() {
        return log;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
