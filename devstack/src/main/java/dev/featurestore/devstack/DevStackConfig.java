package dev.featurestore.devstack;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.FeatureDuration;
import dev.featurestore.testkit.EnvironmentNames;
import dev.featurestore.testkit.StackMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings of the dev stack. Each comes from a system property {@code featurestore.devstack.<name>}
 * or the environment variable {@code FEATURESTORE_DEVSTACK_<NAME>}; see devstack/README.md.
 */
public record DevStackConfig(
        Path repositoryRoot,
        Path dataDirectory,
        StackMode mode,
        int kafkaPort,
        int postgresPort,
        int redisPort,
        int s3Port,
        Map<ServiceKind, Integer> servicePorts,
        List<String> serviceJavaOptions,
        Duration startTimeout,
        Optional<Path> exampleRepository,
        String exampleProject,
        boolean demoData,
        Duration demoStreamInterval,
        int servingGrpcPort,
        List<String> servingJavaOptions,
        int servingWarmupRequests) {

    /** Every service but serving: C1 only, for a light start. */
    public static final String DEFAULT_SERVICE_JAVA_OPTIONS = "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    /** serving-service, the latency path: the full tiered JIT (C2 too), which spends about half of C1's CPU per request. */
    public static final String DEFAULT_SERVING_JAVA_OPTIONS = "-Xmx512m -XX:+UseSerialGC";
    public static final int DEFAULT_SERVING_WARMUP_REQUESTS = 3_000;
    /** The most warm-up requests a start may send (its time is bounded too, see {@link ServingWarmup}). */
    public static final int MAX_SERVING_WARMUP_REQUESTS = 100_000;

    public DevStackConfig {
        requireNonNull(repositoryRoot, "repositoryRoot is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(mode, "mode is null");
        servicePorts = Map.copyOf(servicePorts);
        serviceJavaOptions = List.copyOf(serviceJavaOptions);
        requireNonNull(startTimeout, "startTimeout is null");
        requireNonNull(exampleRepository, "exampleRepository is null");
        requireNonNull(exampleProject, "exampleProject is null");
        requireNonNull(demoStreamInterval, "demoStreamInterval is null");
        servingJavaOptions = List.copyOf(servingJavaOptions);
        if (servingWarmupRequests < 0 || servingWarmupRequests > MAX_SERVING_WARMUP_REQUESTS) {
            throw new IllegalArgumentException("servingWarmupRequests must be 0..%d: %d".formatted(MAX_SERVING_WARMUP_REQUESTS, servingWarmupRequests));
        }
    }

    /** Reads the settings; {@code lookup} answers a setting name such as {@code kafka-port} or null. */
    public static DevStackConfig from(Function<String, String> lookup) {
        Path root = Path.of(value(lookup, "root", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        Path data = Path.of(value(lookup, "data-dir", root.resolve(".devstack").toString())).toAbsolutePath().normalize();
        StackMode mode = StackMode.valueOf(value(lookup, "mode", "embedded").toUpperCase(Locale.ROOT));
        Map<ServiceKind, Integer> servicePorts = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            int port = port(lookup, kind.shortName() + "-port", kind.defaultPort());
            if (port == 0) {
                throw new IllegalArgumentException("featurestore.devstack.%s-port: a service needs a fixed port".formatted(kind.shortName()));
            }
            servicePorts.put(kind, port);
        }
        List<String> javaOptions = javaOptions(lookup, "service-java-opts", DEFAULT_SERVICE_JAVA_OPTIONS);
        List<String> servingJavaOptions = javaOptions(lookup, "serving-java-opts", DEFAULT_SERVING_JAVA_OPTIONS);
        long warmupRequests = integer(lookup, "serving-warmup-requests", DEFAULT_SERVING_WARMUP_REQUESTS);
        if (warmupRequests < 0 || warmupRequests > MAX_SERVING_WARMUP_REQUESTS) {
            throw new IllegalArgumentException("featurestore.devstack.serving-warmup-requests: %d is not between 0 (no warm-up) and %,d"
                    .formatted(warmupRequests, MAX_SERVING_WARMUP_REQUESTS));
        }
        long timeoutSeconds = integer(lookup, "start-timeout-seconds", 120);
        String example = value(lookup, "example-repository", root.resolve("examples/feature_repo").toString());
        String demoData = value(lookup, "demo-data", "true").trim().toLowerCase(Locale.ROOT);
        if (!demoData.equals("true") && !demoData.equals("false")) {
            throw new IllegalArgumentException("featurestore.devstack.demo-data: '%s' is neither true nor false".formatted(demoData));
        }
        String streamInterval = value(lookup, "demo-stream-interval", "5s").trim();
        Duration demoStreamInterval = FeatureDuration.tryParse(streamInterval).map(FeatureDuration::duration)
                .filter(duration -> !duration.isNegative())
                .orElseThrow(() -> new IllegalArgumentException(
                        "featurestore.devstack.demo-stream-interval: '%s' is not a duration such as 5s, 500ms or 0 (off)".formatted(streamInterval)));
        int servingGrpcPort = port(lookup, "serving-grpc-port", 6566);
        if (servingGrpcPort == 0) {
            throw new IllegalArgumentException("featurestore.devstack.serving-grpc-port: serving's gRPC API needs a fixed port");
        }
        Optional<Path> exampleRepository = example.equals("none") ? Optional.empty() : Optional.of(Path.of(example).toAbsolutePath().normalize());
        return new DevStackConfig(
                root,
                data,
                mode,
                port(lookup, "kafka-port", 19092),
                port(lookup, "postgres-port", 15432),
                port(lookup, "redis-port", 16379),
                port(lookup, "s3-port", 19000),
                servicePorts,
                javaOptions,
                Duration.ofSeconds(timeoutSeconds),
                exampleRepository,
                value(lookup, "example-project", "demo"),
                Boolean.parseBoolean(demoData),
                demoStreamInterval,
                servingGrpcPort,
                servingJavaOptions,
                (int) warmupRequests);
    }

    /** The JVM options a service's process starts with: serving's own, the common ones for the others. */
    public List<String> javaOptions(ServiceKind kind) {
        return kind == ServiceKind.SERVING ? servingJavaOptions : serviceJavaOptions;
    }

    /** The JVM options of a service process: a setting's value split at white space. */
    private static List<String> javaOptions(Function<String, String> lookup, String name, String defaultValue) {
        return Arrays.stream(value(lookup, name, defaultValue).trim().split("\\s+"))
                .filter(option -> !option.isEmpty())
                .toList();
    }

    /** Settings from system properties first, then environment variables. */
    public static DevStackConfig fromSystem() {
        return from(name -> {
            String property = System.getProperty("featurestore.devstack." + name);
            if (property != null) {
                return property;
            }
            return System.getenv(EnvironmentNames.toEnvironmentVariable("featurestore.devstack." + name));
        });
    }

    private static String value(Function<String, String> lookup, String name, String defaultValue) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private static int port(Function<String, String> lookup, String name, int defaultValue) {
        int port = (int) integer(lookup, name, defaultValue);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("featurestore.devstack.%s: %d is not a port".formatted(name, port));
        }
        return port;
    }

    private static long integer(Function<String, String> lookup, String name, long defaultValue) {
        String value = lookup.apply(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("featurestore.devstack.%s: '%s' is not a number".formatted(name, value), e);
        }
    }
}
