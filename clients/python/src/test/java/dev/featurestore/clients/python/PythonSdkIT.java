package dev.featurestore.clients.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SDK against the real suite. The dev stack runs as its own process on exactly the start command's classpath
 * ({@code devstack/target/classes} + {@code devstack/target/lib}, as devstack's own DevStackIT runs it): embedded
 * Kafka, PostgreSQL, Redis and S3 API, the five services from their jars, the example repository applied to project
 * {@code demo}, its demo data in the bucket and materialized; on free ports, with a fresh data directory under
 * {@code target/}, without the demo stream. Then pytest runs {@code tests/integration} with the stack's endpoints file
 * and admin key in its environment. pytest's output is in the test's output and its report in
 * {@code target/surefire-reports/TEST-pytest-integration.xml}; the dev stack's in {@code target/devstack-*.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonSdkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("registry", "serving", "historical", "materialization", "monitoring");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private Process devStack;
    private Path dataDirectory;
    private Path log;

    @BeforeAll
    void startSuite() throws IOException, InterruptedException {
        PythonEnvironment.prepared();
        try {
            startDevStack();
        }
        catch (IllegalStateException e) {
            // a port chosen for a service can be taken by another process before the service binds it: once more
            System.out.printf("The dev stack did not start; trying once more on other ports. %s%n", e.getMessage());
            stopSuite();
            startDevStack();
        }
    }

    private void startDevStack() throws IOException, InterruptedException {
        Path root = repositoryRoot();
        dataDirectory = Path.of("target", "devstack-" + System.nanoTime()).toAbsolutePath();
        log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        Files.createDirectories(dataDirectory);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp", root.resolve("devstack/target/classes") + File.pathSeparator + root.resolve("devstack/target/lib/*"),
                "-Dfeaturestore.devstack.root=" + root,
                "-Dfeaturestore.devstack.data-dir=" + dataDirectory,
                "-Dfeaturestore.devstack.kafka-port=0",
                "-Dfeaturestore.devstack.postgres-port=0",
                "-Dfeaturestore.devstack.redis-port=0",
                "-Dfeaturestore.devstack.s3-port=0",
                "-Dfeaturestore.devstack.start-timeout-seconds=180",
                "-Dfeaturestore.devstack.demo-stream-interval=0"));
        for (String service : SERVICES) {
            command.add("-Dfeaturestore.devstack.%s-port=%d".formatted(service, freePort()));
        }
        command.add("dev.featurestore.devstack.DevStack");
        System.out.printf("Starting the dev stack (log: %s)%n", log);
        devStack = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.readString(log).contains("Press Ctrl-C to stop")) {
            if (!devStack.isAlive()) {
                throw new IllegalStateException("the dev stack exited (%d):%n%s".formatted(devStack.exitValue(), Files.readString(log)));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dev stack did not start within %s:%n%s".formatted(START_TIMEOUT, Files.readString(log)));
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        System.out.print(Files.readString(log));
    }

    @AfterAll
    void stopSuite() throws InterruptedException {
        if (devStack != null && devStack.isAlive()) {
            List<ProcessHandle> children = devStack.descendants().toList();
            devStack.destroy(); // SIGTERM: its shutdown hook stops the services, then the infrastructure
            if (!devStack.waitFor(90, TimeUnit.SECONDS)) {
                devStack.destroyForcibly();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void pythonIntegrationTestsPassAgainstTheSuite() throws IOException {
        Path endpoints = dataDirectory.resolve("endpoints.json");
        JsonNode document = JSON.readTree(endpoints.toFile());
        Map<String, String> environment = new HashMap<>();
        environment.put("FEATURESTORE_TEST_STACK", "1");
        environment.put("FEATURESTORE_ENDPOINTS_FILE", endpoints.toString());
        environment.put("FEATURESTORE_API_KEY", document.path("security").path("admin_key").asText());
        environment.put("FEATURESTORE_PROJECT", "demo");
        environment.put("FEATURESTORE_TEST_DATA_DIR", dataDirectory.toString());

        PythonEnvironment.PytestResult result = PythonEnvironment.prepared().pytest("tests/integration", "integration", environment);

        assertThat(result.exitCode())
                .as("pytest tests/integration failed (whole output above; dev stack log %s, service logs in %s):%n%s", log,
                        dataDirectory.resolve("logs"), result.tail(60))
                .isZero();
        assertThat(result.output()).contains(" passed");
    }

    /** The nearest directory above the module holding {@code mvnw}. */
    private static Path repositoryRoot() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("mvnw"))) {
                return directory;
            }
        }
        throw new IllegalStateException("no repository root (a folder with mvnw) above " + Path.of("").toAbsolutePath());
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999), from which the infrastructure's own ports (asked as 0)
     * and other processes' outgoing connections are taken, so it stays free until the service binds it.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
            catch (IOException e) {
                // taken: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between 20000 and 32000 after 100 attempts"));
    }
}
