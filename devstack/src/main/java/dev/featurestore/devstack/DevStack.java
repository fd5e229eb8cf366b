package dev.featurestore.devstack;

import dev.featurestore.testkit.ServiceProcess;
import dev.featurestore.testkit.StackOptions;
import dev.featurestore.testkit.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev stack: embedded Kafka, PostgreSQL, Redis and S3 API with their data in {@code .devstack/},
 * and the five services as child processes. Runs until Ctrl-C or SIGTERM, then stops every process
 * it started.
 */
public final class DevStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

    private final DevStackConfig config;
    private final Map<ServiceKind, ServiceProcess> services = new EnumMap<>(ServiceKind.class);
    private volatile TestStack infrastructure;
    private volatile DevStackKeys keys;
    private DemoStream demoStream;
    private boolean closed;

    public DevStack(DevStackConfig config) {
        this.config = config;
    }

    public static void main(String[] args) {
        DevStackConfig config = DevStackConfig.fromSystem();
        DevStack devStack = new DevStack(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the dev stack...");
            devStack.close();
            System.out.println("Dev stack stopped.");
            stopped.countDown();
        }, "devstack-shutdown"));
        try {
            devStack.start();
        }
        catch (RuntimeException e) {
            LOG.error("The dev stack did not start: {}", e.getMessage(), e);
            devStack.close();
            // Kafka's threads are not daemons: leave explicitly.
            Runtime.getRuntime().halt(1);
        }
        devStack.watchUntilStopped(stopped);
    }

    /** Starts the infrastructure, then the services, and waits until every service reports UP. */
    public void start() {
        long startNanos = System.nanoTime();
        Instant startTime = Instant.now();
        System.out.printf("Starting Kafka, PostgreSQL, Redis and the S3 API (%s mode, data in %s)...%n",
                config.mode().name().toLowerCase(), config.dataDirectory());
        // closed by close(), after the services (the shutdown hook of main), so they stop while Kafka and PostgreSQL are up
        TestStack started = TestStack.startClosedByCaller(new StackOptions(
                config.mode(),
                config.kafkaPort(),
                config.postgresPort(),
                config.redisPort(),
                config.s3Port(),
                Optional.of(config.dataDirectory())));
        synchronized (this) {
            infrastructure = started;
            if (closed) {
                started.close();
                throw new IllegalStateException("Stopped while starting");
            }
        }
        Duration infrastructureTime = Duration.ofNanos(System.nanoTime() - startNanos);
        keys = DevStackKeys.loadOrCreate(config.dataDirectory());
        EndpointsFile.write(config.dataDirectory().resolve("endpoints.json"),
                EndpointsFile.describe(infrastructure, config.servicePorts(), config.servingGrpcPort(), keys.adminKey()));
        System.out.printf("Infrastructure up in %.1f s. Starting the services...%n", infrastructureTime.toMillis() / 1000.0);
        // The bucket exists now: write the demo data while the services start.
        CompletableFuture<Void> demoData = config.demoData()
                ? CompletableFuture.runAsync(() -> writeDemoData(started, startTime))
                : CompletableFuture.completedFuture(null);

        Map<String, Object> properties = new LinkedHashMap<>(serviceProperties(infrastructure, config.servicePorts(), config.servingGrpcPort()));
        properties.putAll(keys.properties());
        Path logs = config.dataDirectory().resolve("logs");
        for (ServiceKind kind : ServiceKind.values()) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("Stopped while starting");
                }
                services.put(kind, ServiceProcess.start(
                        config.repositoryRoot(),
                        kind.module(),
                        config.servicePorts().get(kind),
                        properties,
                        config.javaOptions(kind),
                        logs.resolve(kind.module() + ".log")));
            }
        }
        awaitHealthy();
        Duration total = Duration.ofNanos(System.nanoTime() - startNanos);
        demoData.join();
        config.exampleRepository().ifPresent(this::applyExample);
        config.exampleRepository().ifPresent(repository -> warmUpServing());
        config.exampleRepository().ifPresent(this::startDemoStream);
        printSummary(infrastructureTime, total);
    }

    /** Writes the demo data on a first start; a failure is reported and the stack keeps running. */
    private void writeDemoData(TestStack stack, Instant now) {
        try {
            System.out.println(DemoDataSetup.writeOnFirstStart(config.dataDirectory(), stack.s3(), now).message());
        }
        catch (RuntimeException e) {
            LOG.error("Could not write the demo data into {} (the stack keeps running without it; it is tried again on the next start): {}",
                    stack.s3().endpoint(), e.getMessage(), e);
        }
    }

    /**
     * Applies the example repository on a first start and follows the materialization it sets off (the registry's
     * change events make materialization-service backfill each online view); a failure is reported and the stack
     * keeps running.
     */
    private void applyExample(Path repository) {
        try {
            ExampleRepository.Outcome outcome = ExampleRepository.applyOnFirstStart(
                    repository, config.exampleProject(), config.dataDirectory(), services.get(ServiceKind.REGISTRY).url(), keys.adminBearer());
            System.out.println(outcome.message());
            if (outcome.applied() && outcome.onlineViews() > 0) {
                ExampleMaterialization.follow(services.get(ServiceKind.MATERIALIZATION).url(), keys.adminBearer(), config.exampleProject(),
                        outcome.onlineViews(),
                        Duration.ofSeconds(120), System.out);
            }
        }
        catch (RuntimeException e) {
            LOG.error("Could not apply the example repository {}: {}", repository, e.getMessage(), e);
        }
    }

    /**
     * Warms serving-service up with requests of the example project ({@link ServingWarmup}), on every start (each
     * starts a fresh JVM), unless {@code serving-warmup-requests} is 0; bounded in time, reported in one line, never
     * fatal.
     */
    private void warmUpServing() {
        if (config.servingWarmupRequests() == 0) {
            return;
        }
        System.out.println(ServingWarmup.warmUp(services.get(ServiceKind.REGISTRY).url(), services.get(ServiceKind.SERVING).url(), servingGrpcTarget(),
                config.exampleProject(), keys.adminBearer(), config.servingWarmupRequests()));
    }

    /**
     * Starts the demo stream ({@link DemoStream}) once the example repository is applied (on this start or an earlier
     * one), when it declares the stream's kafka source and the interval is not 0; a failure is reported and the stack
     * keeps running.
     */
    private void startDemoStream(Path repository) {
        if (config.demoStreamInterval().isZero() || !Files.exists(config.dataDirectory().resolve(ExampleRepository.MARKER))) {
            return;
        }
        try {
            Optional<String> topic = DemoStream.topicOf(repository);
            if (topic.isEmpty()) {
                return;
            }
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("Stopped while starting");
                }
                demoStream = DemoStream.start(infrastructure.kafka().bootstrapServers(), topic.get(), config.demoStreamInterval());
            }
        }
        catch (RuntimeException e) {
            LOG.error("Could not start the demo stream of {}: {}", repository, e.getMessage(), e);
        }
    }

    /**
     * The properties every service gets: where the infrastructure is. The test stack's
     * {@code otel.traces.exporter=none} is left out, so {@code OTEL_*} variables set for the dev
     * stack reach the services (they inherit its environment; their own default is {@code none}).
     * Services that read the registry through libs/registry-client find it on the dev stack's registry
     * port, and materialization-service's skew check finds historical-service on its port, whatever they are.
     */
    static Map<String, Object> serviceProperties(TestStack stack, Map<ServiceKind, Integer> ports, int servingGrpcPort) {
        Map<String, Object> properties = new LinkedHashMap<>(stack.properties());
        properties.keySet().removeIf(key -> key.startsWith("otel."));
        properties.put("featurestore.registry-client.url", "http://127.0.0.1:" + ports.get(ServiceKind.REGISTRY));
        properties.put("featurestore.materialization.historical-url", "http://127.0.0.1:" + ports.get(ServiceKind.HISTORICAL));
        properties.put("featurestore.serving.grpc.port", servingGrpcPort);
        // a demo wants to see a view go stale soon after its SLA passes (the service's own default is 1m)
        properties.put("featurestore.monitoring.freshness-check-interval", "10s");
        properties.put("featurestore.materialization.stream-report-interval", "10s");
        return properties;
    }

    public Map<ServiceKind, ServiceProcess> services() {
        return Map.copyOf(services);
    }

    public TestStack infrastructure() {
        return infrastructure;
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        List<ServiceKind> pending = new ArrayList<>(services.keySet());
        while (!pending.isEmpty()) {
            for (ServiceKind kind : List.copyOf(pending)) {
                ServiceProcess service = services.get(kind);
                if (!service.isAlive()) {
                    throw new IllegalStateException("%s exited during start-up; see %s%n%s".formatted(
                            kind.module(), service.logFile(), tail(service.logFile(), 30)));
                }
                if (service.isHealthy()) {
                    pending.remove(kind);
                    System.out.printf("  %-24s UP   %s%n", kind.module(), service.url());
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not healthy within %d s: %s (logs in %s)".formatted(
                        config.startTimeout().toSeconds(), pending, config.dataDirectory().resolve("logs")));
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** One sample request per service, against the example project. */
    List<String> sampleRequests(String project) {
        String registry = services.get(ServiceKind.REGISTRY).url();
        String serving = services.get(ServiceKind.SERVING).url();
        String historical = services.get(ServiceKind.HISTORICAL).url();
        String materialization = services.get(ServiceKind.MATERIALIZATION).url();
        String monitoring = services.get(ServiceKind.MONITORING).url();
        return List.of(
                "# registry: the project's definitions",
                "curl -s -H \"Authorization: Bearer $FS_KEY\" %s/v1/projects/%s/registry".formatted(registry, project),
                "# serving: online features of two drivers (Feast's JSON)",
                ("curl -s -H \"Authorization: Bearer $FS_KEY\" -X POST '%s/get-online-features?project=%s' -H 'Content-Type: application/json' "
                        + "-d '{\"features\": [\"driver_hourly:conv_rate\", \"driver_hourly:trips_today\"], \"entities\": {\"driver_id\": [1001, 1002]}}'")
                        .formatted(serving, project),
                "# serving over gRPC (Feast's ServingService; grpcurl, protos in serving-service/src/main/proto)",
                ("grpcurl -plaintext -import-path %s -proto feast/serving/ServingService.proto -H \"authorization: Bearer $FS_KEY\" "
                        + "-H 'x-feature-project: %s' -d '{\"features\": {\"val\": [\"driver_hourly:conv_rate\"]}, "
                        + "\"entities\": {\"driver_id\": {\"val\": [{\"int64Val\": \"1001\"}]}}}' %s feast.serving.ServingService/GetOnlineFeatures")
                        .formatted(config.repositoryRoot().resolve("serving-service/src/main/proto"), project, servingGrpcTarget()),
                "# historical: point-in-time values of a driver, inline",
                ("curl -s -H \"Authorization: Bearer $FS_KEY\" -X POST '%s/v1/historical-features?wait=true' -H 'Content-Type: application/json' "
                        + "-d '{\"project\": \"%s\", \"features\": [\"driver_hourly:conv_rate\"], "
                        + "\"entity_source\": {\"rows\": {\"driver_id\": [1001], \"event_timestamp\": [\"%s\"]}}}'")
                        .formatted(historical, project, Instant.now().truncatedTo(ChronoUnit.SECONDS)),
                "# materialization: copy what is new into the online store, then watch the runs",
                ("curl -s -H \"Authorization: Bearer $FS_KEY\" -X POST %s/v1/materialize-incremental -H 'Content-Type: application/json' -d '{\"project\": \"%s\"}'")
                        .formatted(materialization, project),
                "curl -s -H \"Authorization: Bearer $FS_KEY\" '%s/v1/runs?project=%s'".formatted(materialization, project),
                "# monitoring: every view's freshness (SLA, staleness, state), then a view's feature statistics and drift",
                "curl -s -H \"Authorization: Bearer $FS_KEY\" '%s/v1/freshness?project=%s'".formatted(monitoring, project),
                "curl -s -H \"Authorization: Bearer $FS_KEY\" '%s/v1/features/%s/driver_hourly/statistics?limit=2'".formatted(monitoring, project));
    }

    /** serving-service's gRPC target, {@code 127.0.0.1:<port>}. */
    private String servingGrpcTarget() {
        return "127.0.0.1:" + config.servingGrpcPort();
    }

    /** How to watch the demo stream: the watched driver online, and the topic. */
    List<String> streamRequests(String project) {
        String serving = services.get(ServiceKind.SERVING).url();
        return List.of(
                "# driver %d's status online, from the latest event (its event_timestamps)".formatted(DemoStream.WATCHED_DRIVER),
                ("curl -s -H \"Authorization: Bearer $FS_KEY\" -X POST '%s/get-online-features?project=%s' -H 'Content-Type: application/json' "
                        + "-d '{\"features\": [\"driver_status:idle_minutes\", \"driver_status:zone\"], \"entities\": {\"driver_id\": [%d]}}'")
                        .formatted(serving, project, DemoStream.WATCHED_DRIVER),
                "# the events themselves, with any Kafka consumer, e.g.",
                "kcat -C -b %s -t %s".formatted(infrastructure.kafka().bootstrapServers(), demoStream.topic()));
    }

    private String demoStreamInterval() {
        Duration interval = demoStream.interval();
        return interval.toMillis() % 1000 == 0 ? "%d s".formatted(interval.toSeconds()) : "%d ms".formatted(interval.toMillis());
    }

    private void printSummary(Duration infrastructureTime, Duration total) {
        StringBuilder summary = new StringBuilder();
        summary.append("%nFeature store dev stack is up (infrastructure %.1f s, all services healthy after %.1f s).%n%n"
                .formatted(infrastructureTime.toMillis() / 1000.0, total.toMillis() / 1000.0));
        for (ServiceKind kind : ServiceKind.values()) {
            ServiceProcess service = services.get(kind);
            summary.append("  %-24s %s   (health %s/health, OpenAPI %s/openapi/%s.yml)%n".formatted(
                    kind.module(), service.url(), service.url(), service.url(), kind.shortName()));
        }
        summary.append("  %-24s %s   (gRPC, plaintext: Feast's feast.serving.ServingService)%n".formatted("serving-service gRPC", servingGrpcTarget()));
        summary.append("%nEvery request needs a credential. The dev stack's admin key (admin of every project; also in %s):%n"
                .formatted(config.dataDirectory().resolve("endpoints.json")));
        summary.append("  export FS_KEY=%s%n".formatted(keys.adminKey()));
        summary.append("  # create narrower keys and bind roles: see docs/security.md%n".formatted());
        if (config.exampleRepository().isPresent()) {
            summary.append("%nTry it (project '%s' of the example repository):%n".formatted(config.exampleProject()));
            sampleRequests(config.exampleProject()).forEach(line -> summary.append("  ").append(line).append("%n".formatted()));
        }
        if (demoStream != null) {
            summary.append("%nDemo stream (every %s, Kafka topic %s): status events of driver %d and a few random others, which%n".formatted(
                    demoStreamInterval(), demoStream.topic(), DemoStream.WATCHED_DRIVER));
            summary.append("materialization-service writes online (feature view driver_status) and appends under s3://featurestore/examples/driver_status/:%n"
                    .formatted());
            streamRequests(config.exampleProject()).forEach(line -> summary.append("  ").append(line).append("%n".formatted()));
        }
        summary.append("%n  Kafka       %s%n".formatted(infrastructure.kafka().bootstrapServers()));
        summary.append("  PostgreSQL  %s (user %s)%n".formatted(infrastructure.postgres().jdbcUrl(), infrastructure.postgres().user()));
        summary.append("  Redis       %s%n".formatted(infrastructure.redis().uri()));
        summary.append("  S3 API      %s (bucket %s)%n".formatted(infrastructure.s3().endpoint(), infrastructure.s3().bucket()));
        summary.append("%n  Endpoints:  %s%n".formatted(config.dataDirectory().resolve("endpoints.json")));
        summary.append("  Logs:       %s%n".formatted(config.dataDirectory().resolve("logs")));
        summary.append("%nPress Ctrl-C to stop (or: kill %d).%n".formatted(ProcessHandle.current().pid()));
        System.out.print(summary);
    }

    /** Blocks until the shutdown hook has run, reporting any service that dies on its own meanwhile. */
    private void watchUntilStopped(CountDownLatch stopped) {
        Map<ServiceKind, Boolean> reported = new EnumMap<>(ServiceKind.class);
        try {
            while (!stopped.await(2, TimeUnit.SECONDS)) {
                synchronized (this) {
                    if (closed) {
                        continue;
                    }
                    services.forEach((kind, service) -> {
                        if (!service.isAlive() && reported.putIfAbsent(kind, true) == null) {
                            LOG.error("{} exited unexpectedly; see {}", kind.module(), service.logFile());
                        }
                    });
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the services (in parallel), then the infrastructure. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (demoStream != null) {
            demoStream.close();
        }
        services.values().parallelStream().forEach(ServiceProcess::close);
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException e) {
            return "(cannot read %s: %s)".formatted(file, e.getMessage());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the services", e);
        }
    }
}
