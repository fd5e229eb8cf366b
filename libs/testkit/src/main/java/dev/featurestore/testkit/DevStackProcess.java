package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev stack (devstack/, the README's start command) as a child process, for tests that need the whole suite: on
 * exactly its start command's class path ({@code devstack/target/classes} + {@code devstack/target/lib}), with a data
 * directory of its own and free ports, started once and stopped with SIGTERM (its shutdown hook stops the services,
 * then the infrastructure). Clients find it through its endpoints file. The five services' jars and devstack's
 * classes must be built (a module whose tests use this depends on them in the reactor).
 */
public final class DevStackProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevStackProcess.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("registry", "serving", "historical", "materialization", "monitoring");
    private static final String READY = "Press Ctrl-C to stop";

    /**
     * @param root the repository root (the folder holding {@code mvnw})
     * @param dataDirectory where the stack keeps its data; the log is written beside it ({@code <name>.log})
     * @param maxHeap the dev stack JVM's {@code -Xmx}
     * @param exampleRepository whether it applies examples/feature_repo to project {@code demo}
     * @param demoStreamInterval the demo stream's interval ({@code 0}: no demo stream)
     * @param startTimeout how long the start may take
     * @param environment added to the dev stack's environment (its services inherit it)
     */
    public record Options(Path root, Path dataDirectory, String maxHeap, boolean exampleRepository, String demoStreamInterval, Duration startTimeout,
            Map<String, String> environment) {
        public Options {
            requireNonNull(root, "root is null");
            requireNonNull(dataDirectory, "dataDirectory is null");
            requireNonNull(maxHeap, "maxHeap is null");
            requireNonNull(demoStreamInterval, "demoStreamInterval is null");
            requireNonNull(startTimeout, "startTimeout is null");
            environment = Map.copyOf(environment);
        }

        /** The demo project applied, no demo stream, 1 GB of heap, 4 minutes to start. */
        public static Options of(Path root, Path dataDirectory) {
            return new Options(root, dataDirectory, "1g", true, "0", Duration.ofMinutes(4), Map.of());
        }

        public Options withExampleRepository(boolean apply) {
            return new Options(root, dataDirectory, maxHeap, apply, demoStreamInterval, startTimeout, environment);
        }

        public Options withDemoStreamInterval(String interval) {
            return new Options(root, dataDirectory, maxHeap, exampleRepository, interval, startTimeout, environment);
        }

        public Options withMaxHeap(String heap) {
            return new Options(root, dataDirectory, heap, exampleRepository, demoStreamInterval, startTimeout, environment);
        }

        public Options withEnvironment(Map<String, String> added) {
            return new Options(root, dataDirectory, maxHeap, exampleRepository, demoStreamInterval, startTimeout, added);
        }
    }

    private final Process process;
    private final Options options;
    private final Path log;
    private final JsonNode endpoints;

    private DevStackProcess(Process process, Options options, Path log, JsonNode endpoints) {
        this.process = process;
        this.options = options;
        this.log = log;
        this.endpoints = endpoints;
    }

    /**
     * Starts the dev stack and waits until it is ready. A port chosen for a service can be taken by another process
     * before the service binds it: a failed start is tried once more, on other ports.
     *
     * @throws IllegalStateException naming the log when it does not start
     */
    public static DevStackProcess start(Options options) {
        requireNonNull(options, "options is null");
        for (String module : SERVICES) {
            require(options.root().resolve(module + "-service/target/" + module + "-service.jar"));
        }
        require(options.root().resolve("devstack/target/classes"));
        try {
            return startOnce(options);
        } catch (IllegalStateException e) {
            LOG.warn("The dev stack did not start; trying once more on other ports: {}", e.getMessage());
            return startOnce(options);
        }
    }

    private static DevStackProcess startOnce(Options options) {
        Path log = options.dataDirectory().resolveSibling(options.dataDirectory().getFileName() + ".log");
        Path root = options.root();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + options.maxHeap(),
                "-cp", root.resolve("devstack/target/classes") + File.pathSeparator + root.resolve("devstack/target/lib/*"),
                "-Dfeaturestore.devstack.root=" + root,
                "-Dfeaturestore.devstack.data-dir=" + options.dataDirectory(),
                "-Dfeaturestore.devstack.kafka-port=0",
                "-Dfeaturestore.devstack.postgres-port=0",
                "-Dfeaturestore.devstack.redis-port=0",
                "-Dfeaturestore.devstack.s3-port=0",
                "-Dfeaturestore.devstack.start-timeout-seconds=" + Math.max(60, options.startTimeout().toSeconds() - 30),
                "-Dfeaturestore.devstack.demo-stream-interval=" + options.demoStreamInterval()));
        if (!options.exampleRepository()) {
            command.add("-Dfeaturestore.devstack.example-repository=none");
        }
        // Six different ports (the five services', serving's gRPC one): each is only checked free, not held, so the
        // same one could come up twice.
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < SERVICES.size() + 1) {
            ports.add(servicePort());
        }
        List<Integer> chosen = List.copyOf(ports);
        for (int index = 0; index < SERVICES.size(); index++) {
            command.add("-Dfeaturestore.devstack.%s-port=%d".formatted(SERVICES.get(index), chosen.get(index)));
        }
        command.add("-Dfeaturestore.devstack.serving-grpc-port=%d".formatted(chosen.get(SERVICES.size())));
        command.add("dev.featurestore.devstack.DevStack");
        Process process = null;
        try {
            Files.createDirectories(options.dataDirectory());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(options.environment());
            LOG.info("Starting the dev stack (log: {})", log);
            process = builder.start();
            long deadline = System.nanoTime() + options.startTimeout().toNanos();
            while (!Files.readString(log).contains(READY)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the dev stack exited (%d) during its start; log %s:%n%s".formatted(process.exitValue(), log,
                            Files.readString(log)));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the dev stack did not start within %d s; see %s".formatted(options.startTimeout().toSeconds(), log));
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
            DevStackProcess stack = new DevStackProcess(process, options, log, JSON.readTree(options.dataDirectory().resolve("endpoints.json").toFile()));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "dev-stack-stop"));
            return stack;
        } catch (IOException e) {
            stop(process);
            throw new UncheckedIOException("cannot start the dev stack (log %s)".formatted(log), e);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the dev stack started", e);
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    private static void require(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("%s is missing: build the suite first (./mvnw -B verify builds what the tests need)".formatted(path));
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999), from which the infrastructure's own ports (asked as 0)
     * and other processes' outgoing connections are taken, so that it stays free until the service binds it.
     */
    private static int servicePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                // taken: another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000 after 100 attempts");
    }

    public Path dataDirectory() {
        return options.dataDirectory();
    }

    /** The dev stack's output (the service logs are under {@code <data directory>/logs}). */
    public Path log() {
        return log;
    }

    /** Where clients find the stack ({@code FEATURESTORE_ENDPOINTS_FILE}): the services, the S3 API, the admin key. */
    public Path endpointsFile() {
        return options.dataDirectory().resolve("endpoints.json");
    }

    /** The endpoints file's document. */
    public JsonNode endpoints() {
        return endpoints;
    }

    /** The URL of a service by its short name ({@code registry}, {@code serving}, ...). */
    public String serviceUrl(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("no service '%s'; the services are %s".formatted(service, SERVICES));
        }
        return endpoints.path("services").path(service).asText();
    }

    /** serving-service's gRPC target ({@code 127.0.0.1:<port>}, plaintext), from the endpoints file. */
    public String servingGrpcTarget() {
        return endpoints.path("grpc").path("serving").asText();
    }

    public String adminKey() {
        return endpoints.path("security").path("admin_key").asText();
    }

    /**
     * The process of a service by its short name: the dev stack's descendant running {@code <service>-service.jar}
     * (for its CPU time, say); empty when it is not running or its command line cannot be read.
     */
    public Optional<ProcessHandle> serviceProcess(String service) {
        serviceUrl(service);
        String jar = "%s-service.jar".formatted(service);
        return process.descendants()
                .filter(child -> child.info().arguments().map(arguments -> List.of(arguments).stream().anyMatch(argument -> argument.endsWith(jar)))
                        .orElse(false))
                .findFirst();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The dev stack's process (its descendants are the services and Redis). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGTERM only, then waits up to {@code timeout}: whether it exited (nothing is killed, for tests of its own stop). */
    public boolean terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, then up to 90 s for it to stop everything it started; whatever is left of it is killed. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
