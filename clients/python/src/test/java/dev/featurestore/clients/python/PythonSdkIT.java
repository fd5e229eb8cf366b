package dev.featurestore.clients.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.testkit.DevStackProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SDK against the real suite. The dev stack runs as its own process ({@link DevStackProcess}, on exactly the
 * start command's classpath): embedded Kafka, PostgreSQL, Redis and S3 API, the five services from their jars, the
 * example repository applied to project {@code demo}, its demo data in the bucket and materialized; on free ports,
 * with a fresh data directory under {@code target/}, without the demo stream. Then pytest runs
 * {@code tests/integration} with the stack's endpoints file and admin key in its environment. pytest's output is in
 * the test's output and its report in {@code target/surefire-reports/TEST-pytest-integration.xml}; the dev stack's in
 * {@code target/devstack-*.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonSdkIT {
    private DevStackProcess devStack;

    @BeforeAll
    void startSuite() throws IOException {
        PythonEnvironment.prepared();
        // no serving warm-up: these tests are about answers, not latency (it would add about 15 s)
        devStack = DevStackProcess.start(DevStackProcess.Options.of(repositoryRoot(), Path.of("target", "devstack-" + System.nanoTime()).toAbsolutePath())
                .withEnvironment(Map.of("FEATURESTORE_DEVSTACK_SERVING_WARMUP_REQUESTS", "0")));
        System.out.print(Files.readString(devStack.log()));
    }

    @AfterAll
    void stopSuite() {
        if (devStack != null) {
            devStack.close();
        }
    }

    @Test
    void pythonIntegrationTestsPassAgainstTheSuite() throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put("FEATURESTORE_TEST_STACK", "1");
        environment.put("FEATURESTORE_ENDPOINTS_FILE", devStack.endpointsFile().toString());
        environment.put("FEATURESTORE_API_KEY", devStack.adminKey());
        environment.put("FEATURESTORE_PROJECT", "demo");
        environment.put("FEATURESTORE_TEST_DATA_DIR", devStack.dataDirectory().toString());

        PythonEnvironment.PytestResult result = PythonEnvironment.prepared().pytest("tests/integration", "integration", environment);

        assertThat(result.exitCode())
                .as("pytest tests/integration failed (whole output above; dev stack log %s, service logs in %s):%n%s", devStack.log(),
                        devStack.dataDirectory().resolve("logs"), result.tail(60))
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
}
