package dev.featurestore.cli;

import dev.featurestore.testkit.DevStackProcess;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real suite for the command line's tests: the dev stack as a child process ({@link DevStackProcess}) with a fresh
 * data directory and free ports, started once per test JVM and stopped when the JVM exits. It writes the demo data
 * into its bucket; the example repository is not applied (each test applies its own projects). Commands find it
 * through its endpoints file ({@code FEATURESTORE_ENDPOINTS_FILE}): the services' URLs, the S3 API and the admin key.
 */
public final class TestDevStack {
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static TestDevStack shared;

    private final DevStackProcess process;

    private TestDevStack(DevStackProcess process) {
        this.process = process;
    }

    /** The one dev stack of this JVM, started on first use. */
    public static synchronized TestDevStack shared() {
        if (shared == null) {
            shared = new TestDevStack(DevStackProcess.start(DevStackProcess.Options.of(ROOT, ROOT.resolve("cli/target/devstack-" + System.nanoTime()))
                    .withExampleRepository(false).withMaxHeap("768m")));
        }
        return shared;
    }

    /** Where the command line finds the stack: {@code FEATURESTORE_ENDPOINTS_FILE} (services, S3 API, admin key). */
    public Map<String, String> environment() {
        return Map.of("FEATURESTORE_ENDPOINTS_FILE", endpointsFile().toString());
    }

    public Path endpointsFile() {
        return process.endpointsFile();
    }

    public String serviceUrl(String service) {
        return process.serviceUrl(service);
    }

    public String adminKey() {
        return process.adminKey();
    }

    public Path log() {
        return process.log();
    }
}
