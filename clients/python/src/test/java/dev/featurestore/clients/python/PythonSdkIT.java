package dev.featurestore.clients.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurestore.devstack.DevStack;
import dev.featurestore.devstack.DevStackConfig;
import dev.featurestore.devstack.ServiceKind;
import dev.featurestore.testkit.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SDK against the real suite: the dev stack (embedded Kafka, PostgreSQL, Redis and S3 API, the five services from
 * their jars, the example repository applied to project {@code demo}, its demo data in the bucket and materialized)
 * is started once, on free ports with a fresh data directory under {@code target/}, then pytest runs
 * {@code tests/integration} with the stack's endpoints file and admin key in its environment. pytest's output is in
 * the test's output and its report in {@code target/surefire-reports/TEST-pytest-integration.xml}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonSdkIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DevStack devStack;
    private Path dataDirectory;

    @BeforeAll
    void startSuite() throws IOException {
        PythonEnvironment.prepared();
        Path root = ServiceProcess.repositoryRoot().toAbsolutePath().normalize();
        dataDirectory = Path.of("target", "devstack-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dataDirectory);
        Map<String, String> settings = new HashMap<>();
        settings.put("root", root.toString());
        settings.put("data-dir", dataDirectory.toString());
        settings.put("kafka-port", "0");
        settings.put("postgres-port", "0");
        settings.put("redis-port", "0");
        settings.put("s3-port", "0");
        settings.put("demo-stream-interval", "0");
        settings.put("start-timeout-seconds", "180");
        for (ServiceKind kind : ServiceKind.values()) {
            settings.put(kind.shortName() + "-port", String.valueOf(freePort()));
        }
        devStack = new DevStack(DevStackConfig.from(settings::get));
        devStack.start();
    }

    @AfterAll
    void stopSuite() {
        if (devStack != null) {
            devStack.close();
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
                .as("pytest tests/integration failed (service logs in %s):%n%s", dataDirectory.resolve("logs"), result.output())
                .isZero();
        assertThat(result.output()).contains(" passed");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
