package dev.featurestore.bench;

import static dev.featurestore.bench.BenchSupport.awaitHealthy;
import static dev.featurestore.bench.BenchSupport.freePort;
import static dev.featurestore.bench.BenchSupport.loadAverage;
import static dev.featurestore.bench.BenchSupport.repositoryRoot;
import static dev.featurestore.bench.BenchSupport.seconds;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.contracts.online.OnlineSchema.OnlineField;
import dev.featurestore.onlinestore.RecordRead;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.onlinestore.RedisOnlineStore;
import dev.featurestore.testkit.DevStackProcess;
import dev.featurestore.testkit.ServiceProcess;
import dev.featurestore.testkit.TestKeys;
import dev.featurestore.testkit.StackOptions;
import dev.featurestore.testkit.TestStack;
import feast.proto.serving.ServingAPIProto.FeatureList;
import feast.proto.serving.ServingAPIProto.GetOnlineFeaturesRequest;
import feast.proto.types.ValueProto.RepeatedValue;
import feast.proto.types.ValueProto.Value;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open-loop load generator for serving-service (issue 5, "Performance"). Starts the embedded infrastructure,
 * registry-service and serving-service from their jars, writes the dataset through the online store writer
 * (entities x a view of 10 and five views of 50 FLOAT64 features), then fires {@code /get-online-features} at a
 * fixed arrival rate, latency measured from each request's intended send time (no coordinated omission), in an
 * HdrHistogram; the same shapes read straight through Lettuce (the online store reader, no HTTP) give the Redis
 * floor. Placement: run it with {@code taskset -c 1} (it, its embedded Redis and the registry share core 1); it
 * pins serving-service to core 0.
 *
 * <p>The gRPC cell: the 1x50 shape over Feast's gRPC {@code ServingService} (grpc-java async stubs, open loop as over
 * HTTP, {@link OpenLoopGrpc}) at the HTTP cell's 1,000 rps, and the same 1x50 max-rate search.
 *
 * <p>Options: {@code --entities=1000000 --wide-entities=100000 --seconds=20 --warmup-seconds=30
 * --max-rates=2000,3000,4000,5000,6000,8000 --max-seconds=10 --serving-jvm="-XX:StartFlightRecording=..."} (extra JVM options of
 * serving-service, space-separated) {@code --rate-search-only=true} (only the 1x50 rate steps) {@code --grpc=false} (no gRPC
 * cell) {@code --grpc-only=true} (only the gRPC cell: its 1x50 at 1,000 rps and its rate search) {@code --grpc-channels=2}
 * (HTTP/2 connections the gRPC calls are spread over)
 * {@code --compare-jvm="-Dname=value ..."} (side by side instead: a second service B with these JVM options added,
 * the 1x50 shape at each of {@code --max-rates} on A, B, B, A).
 *
 * <p>{@code --devstack=true}: the dev stack cell instead, what a newcomer measures. The dev stack (devstack/, through
 * testkit's {@link DevStackProcess}) at its defaults, serving warmed up by the dev stack alone; the bench's project and
 * dataset go into it (entities default to 100,000 and 20,000 here, {@code --seconds} to 10), then 1x50 and 1x250 at
 * 1,000 rps, each with the p99 of its first second alone and of the whole run.
 */
public final class ServingBench {
    private static final Logger LOG = LoggerFactory.getLogger(ServingBench.class);
    private static final String PROJECT = "serving_bench";
    private static final JoinKey DRIVER = new JoinKey("driver_id", ValueType.INT64);
    private static final int WIDE_VIEWS = 5;

    private final Options options;
    private final HttpClient http;
    private final ExecutorService clientExecutor = Executors.newFixedThreadPool(4);
    private final List<String> rows = new ArrayList<>();
    private final Map<String, OnlineSchema> schemas = new HashMap<>();
    private final Map<String, List<byte[]>> httpRequests = new HashMap<>();
    private final Map<String, List<GetOnlineFeaturesRequest>> grpcRequests = new HashMap<>();
    private String servingUrl;
    /** The pid of the service answering at each URL, for its CPU time. */
    private final Map<String, Long> servicePids = new HashMap<>();
    private int servingGrpcPort;
    /** The API key every request carries: the test stack's admin key, or the dev stack's. */
    private String adminKey = TestKeys.ADMIN_KEY;

    private ServingBench(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientExecutor).connectTimeout(Duration.ofSeconds(5)).build();
        schemas.put("narrow", schema(10));
        for (int view = 0; view < WIDE_VIEWS; view++) {
            schemas.put(wide(view), schema(50));
        }
    }

    public static void main(String[] args) {
        BenchSupport.runAndExit("Serving bench", () -> {
            new ServingBench(Options.parse(args)).run();
            return true;
        });
    }

    private void run() throws Exception {
        if (options.devstack()) {
            runOnDevStack();
            return;
        }
        Path root = repositoryRoot();
        Path registryLog = root.resolve("bench/target/registry-service-serving-bench.log");
        Path servingLog = root.resolve("bench/target/serving-service-bench.log");
        Files.createDirectories(registryLog.getParent());
        Files.deleteIfExists(registryLog);
        Files.deleteIfExists(servingLog);
        String loadBefore = loadAverage();
        try (TestStack stack = TestStack.start(StackOptions.forTests())) {
            Map<String, Object> properties = new HashMap<>(stack.properties());
            try (ServiceProcess registry = ServiceProcess.start(root, "registry-service", freePort(), properties, List.of("-Xmx1g"), registryLog)) {
                awaitHealthy(registry);
                apply(registry.url());
                properties.put("featurestore.registry-client.url", registry.url());
                properties.put("featurestore.serving.max-in-flight", "4096");
                servingGrpcPort = freePort();
                properties.put("featurestore.serving.grpc.port", servingGrpcPort);
                // one core: the JVM and Netty size their threads for it (pinned right after the start, before they start)
                List<String> servingJvm = new ArrayList<>(List.of("-Xmx1g", "-XX:+UseParallelGC", "-XX:ActiveProcessorCount=1"));
                servingJvm.addAll(options.servingJvm());
                try (ServiceProcess serving = ServiceProcess.start(root, "serving-service", freePort(), properties, servingJvm, servingLog)) {
                    pin(serving.pid(), "0");
                    awaitHealthy(serving);
                    servingUrl = serving.url();
                    servicePids.put(servingUrl, serving.pid());
                    RedisClient client = RedisClient.create(stack.redis().uri());
                    try (RedisOnlineStore store = RedisOnlineStore.standalone(client, Clock.systemUTC())) {
                        writeDataset(store);
                        redisBytes(client);
                        if (options.compareJvm().isEmpty()) {
                            measure(store);
                        } else {
                            List<String> otherJvm = new ArrayList<>(servingJvm);
                            otherJvm.addAll(options.compareJvm());
                            Path otherLog = root.resolve("bench/target/serving-service-bench-b.log");
                            Map<String, Object> otherProperties = new HashMap<>(properties);
                            otherProperties.put("featurestore.serving.grpc.port", freePort());
                            try (ServiceProcess other = ServiceProcess.start(root, "serving-service", freePort(), otherProperties, otherJvm, otherLog)) {
                                pin(other.pid(), "0");
                                servicePids.put(other.url(), other.pid());
                                awaitHealthy(other);
                                compare(other.url());
                            }
                        }
                    }
                    finally {
                        client.shutdown();
                    }
                }
            }
        }
        finally {
            clientExecutor.shutdownNow();
        }
        printTable(loadBefore, loadAverage());
    }

    /**
     * The dev stack cell: the dev stack started as a newcomer starts it (its default JVM options and its own warm-up of
     * serving, the demo stream on), the bench's project applied to its registry and its dataset written into its Redis,
     * then 1x50 and 1x250 at 1,000 rps with no warm-up of the bench's own, each reported for its first second alone and
     * as a whole. Nothing pinned: the services, the infrastructure and the bench share the machine's cores.
     */
    private void runOnDevStack() throws Exception {
        Path root = repositoryRoot();
        Path data = root.resolve("bench/target/devstack-serving-bench-" + System.currentTimeMillis());
        String loadBefore = loadAverage();
        try (DevStackProcess devStack = DevStackProcess.start(DevStackProcess.Options.of(root, data).withDemoStreamInterval("5s"))) {
            LOG.info("Dev stack up (log {})", devStack.log());
            String warmup = Files.readAllLines(devStack.log()).stream().filter(line -> line.startsWith("Serving warm-up: ")).findFirst()
                    .orElse("Serving warm-up: no line in the dev stack's log");
            rows.add("| dev stack's own warm-up of serving | %s | | | | | | - | - |".formatted(warmup.substring("Serving warm-up: ".length())));
            adminKey = devStack.adminKey();
            apply(devStack.serviceUrl("registry"));
            servingUrl = devStack.serviceUrl("serving");
            long pid = devStack.serviceProcess("serving").map(ProcessHandle::pid).orElse(-1L);
            if (pid < 0) {
                LOG.warn("serving-service's process not found among the dev stack's: no CPU time per request");
            }
            servicePids.put(servingUrl, pid);
            RedisClient client = RedisClient.create(devStack.endpoints().path("redis").path("uri").asText());
            try (RedisOnlineStore store = RedisOnlineStore.standalone(client, Clock.systemUTC())) {
                writeDataset(store);
                Duration duration = Duration.ofSeconds(options.seconds());
                List<String> five = new ArrayList<>();
                for (int view = 0; view < WIDE_VIEWS; view++) {
                    five.add(wide(view));
                }
                recordFromTheFirstSecond(new Shape("1x50", 1, List.of(wide(0)), options.entities()), duration, 2.0);
                recordFromTheFirstSecond(new Shape("1x250", 1, five, options.wideEntities()), duration, 3.0);
            }
            finally {
                client.shutdown();
            }
        }
        finally {
            clientExecutor.shutdownNow();
            deleteRecursively(data);
        }
        printTable(loadBefore, loadAverage());
    }

    /** A shape at 1,000 rps, cold but for the dev stack's warm-up: the whole run and its first second, against the same p99 target. */
    private void recordFromTheFirstSecond(Shape shape, Duration duration, double targetMillis) throws InterruptedException {
        int rate = 1_000;
        String name = "dev stack %s at %d rps".formatted(shape.name(), rate);
        Result whole = loadHttp(name, rate, duration, shape);
        Result first = result(name + ", first second", rate, whole.outcome().second(0, rate), "the first second's requests", Double.NaN);
        String target = "p99 <= %s ms".formatted(format(targetMillis));
        rows.add(row(first, target, first.p99Millis() <= targetMillis && first.errors() == 0, null));
        rows.add(row(whole, target, whole.p99Millis() <= targetMillis && whole.errors() == 0, null));
    }

    /** Deletes the dev stack's data directory (its Redis holds the dataset); the dev stack's log beside it stays. */
    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            LOG.warn("Could not delete {}: {}", directory, e.getMessage());
        }
    }

    /**
     * Side by side: the 1x50 shape at each rate of {@code --max-rates} on A (the service as configured) and B (with
     * {@code --compare-jvm} options added), in the order A, B, B, A, both on core 0 (the idle one waits).
     */
    private void compare(String otherUrl) throws Exception {
        Shape oneBy50 = new Shape("1x50", 1, List.of(wide(0)), options.entities());
        Duration warmup = Duration.ofSeconds(options.warmupSeconds());
        loadHttp(servingUrl, "A 1x50 warm-up", 300, warmup, oneBy50);
        loadHttp(otherUrl, "B 1x50 warm-up", 300, warmup, oneBy50);
        Duration duration = Duration.ofSeconds(options.maxSeconds());
        String b = "B (" + String.join(" ", options.compareJvm()) + ")";
        for (int rate : options.maxRates()) {
            rows.add(row(loadHttp(servingUrl, "A 1x50 at %d rps".formatted(rate), rate, duration, oneBy50), "-", true, null));
            rows.add(row(loadHttp(otherUrl, b + " 1x50 at %d rps".formatted(rate), rate, duration, oneBy50), "-", true, null));
            rows.add(row(loadHttp(otherUrl, b + " 1x50 at %d rps".formatted(rate), rate, duration, oneBy50), "-", true, null));
            rows.add(row(loadHttp(servingUrl, "A 1x50 at %d rps".formatted(rate), rate, duration, oneBy50), "-", true, null));
        }
    }

    private void measure(RedisOnlineStore store) throws Exception {
        Shape oneBy50 = new Shape("1x50", 1, List.of(wide(0)), options.entities());
        Shape hundredBy50 = new Shape("100x50", 100, List.of(wide(0)), options.entities());
        List<String> five = new ArrayList<>();
        for (int view = 0; view < WIDE_VIEWS; view++) {
            five.add(wide(view));
        }
        Shape oneBy250 = new Shape("1x250", 1, five, options.wideEntities());
        Shape oneBy10 = new Shape("1x10", 1, List.of("narrow"), options.entities());
        // warm every path up (JIT, connections) before anything is measured, below the rates measured: on one core the
        // C2 compiler competes with the requests for tens of seconds
        Duration warmup = Duration.ofSeconds(options.warmupSeconds());
        if (options.grpcOnly()) {
            measureGrpc(oneBy50, warmup);
            return;
        }
        loadHttp(oneBy50.name() + " warm-up", 300, warmup, oneBy50);
        loadHttp(hundredBy50.name() + " warm-up", 50, warmup, hundredBy50);
        loadHttp(oneBy250.name() + " warm-up", 300, warmup, oneBy250);
        load(oneBy50.name() + " floor warm-up", 500, warmup, () -> floorRequest(store, oneBy50));
        load(hundredBy50.name() + " floor warm-up", 50, warmup, () -> floorRequest(store, hundredBy50));

        Duration duration = Duration.ofSeconds(options.seconds());
        if (!options.rateSearchOnly()) {
            record(oneBy50, 1_000, duration, "p99 <= 2 ms and <= 1.5x the floor", 2.0, 1.5, store);
            record(hundredBy50, 100, duration, "p99 <= 5 ms", 5.0, 0, store);
            record(oneBy250, 1_000, duration, "p99 <= 3 ms", 3.0, 0, store);
            record(oneBy10, 1_000, duration, "-", 0, 0, store);
        }
        rateSearch("", rate -> loadHttp("1x50 at %d rps".formatted(rate), rate, Duration.ofSeconds(options.maxSeconds()), oneBy50));
        serverSideTimes();
        if (options.grpc()) {
            measureGrpc(oneBy50, warmup);
        }
    }

    /**
     * The 1x50 max-rate search: each rate of {@code --max-rates} in turn until the service saturates (p50 over 5 ms, or
     * errors); the highest rate whose p99 is at most 5 ms wins. It does not stop at the first p99 over 5 ms: on a shared
     * VM the Redis floor's own p99 is near 5 ms, and the service's CPU per request at each rate says more.
     */
    private void rateSearch(String transport, RateStep step) throws InterruptedException {
        int best = 0;
        for (int rate : options.maxRates()) {
            Result result = step.load(rate);
            boolean met = result.p99Millis() <= 5.0 && result.errors() == 0;
            rows.add(row(result, "p99 <= 5 ms (max rate search)", met, null));
            if (met) {
                best = rate;
            }
            if (result.p50Millis() > 5.0 || result.errors() > 0) {
                break;
            }
        }
        rows.add("| highest %s1x50 rate with p99 <= 5 ms | %d rps | | | | | | target >= 5,000 rps | %s |".formatted(transport, best, best >= 5_000 ? "met" : "MISSED"));
    }

    /** One step of a rate search: the 1x50 load at a rate. */
    @FunctionalInterface
    private interface RateStep {
        Result load(int rate) throws InterruptedException;
    }

    /** The gRPC cell: 1x50 at the HTTP cell's rate, then the same max-rate search, over Feast's gRPC ServingService. */
    private void measureGrpc(Shape oneBy50, Duration warmup) throws InterruptedException {
        try (OpenLoopGrpc grpc = new OpenLoopGrpc(URI.create(servingUrl).getHost(), servingGrpcPort, PROJECT, options.grpcChannels())) {
            int failed = grpc.prime(grpcRequests(oneBy50), 50);
            if (failed > 0) {
                LOG.warn("gRPC: {} of the 50 priming calls failed", failed);
            }
            Result warm = loadGrpc(grpc, "gRPC " + oneBy50.name() + " warm-up", 300, warmup, oneBy50);
            if (warm.errors() > 0) {
                // the errors may have opened serving's circuit breaker (open 5 s by default): let it close first
                TimeUnit.SECONDS.sleep(6);
            }
            if (!options.rateSearchOnly()) {
                Result result = loadGrpc(grpc, "gRPC %s at %d rps".formatted(oneBy50.name(), 1_000), 1_000, Duration.ofSeconds(options.seconds()), oneBy50);
                rows.add(row(result, "p99 <= 1 ms", result.p99Millis() <= 1.0 && result.errors() == 0, null));
            }
            rateSearch("gRPC ", rate -> loadGrpc(grpc, "gRPC 1x50 at %d rps".formatted(rate), rate, Duration.ofSeconds(options.maxSeconds()), oneBy50));
        }
    }

    /** {@code rate} gRPC calls a second of a shape for {@code duration} through {@link OpenLoopGrpc}. */
    private Result loadGrpc(OpenLoopGrpc grpc, String name, int rate, Duration duration, Shape shape) throws InterruptedException {
        long pid = servicePids.getOrDefault(servingUrl, -1L);
        double cpuBefore = BenchSupport.cpuMillis(pid);
        OpenLoopHttp.Outcome outcome = grpc.run(grpcRequests(shape), rate, duration);
        return result(name, rate, outcome, "channels=" + options.grpcChannels(), BenchSupport.cpuMillis(pid) - cpuBefore);
    }

    /** The gRPC requests of a shape: the same entities as its HTTP requests, as Feast's protobuf request. */
    private List<GetOnlineFeaturesRequest> grpcRequests(Shape shape) {
        return grpcRequests.computeIfAbsent(shape.name(), name -> {
            List<String> features = features(shape);
            List<GetOnlineFeaturesRequest> requests = new ArrayList<>();
            for (List<Long> entities : entityRows(shape)) {
                RepeatedValue.Builder keys = RepeatedValue.newBuilder();
                entities.forEach(driver -> keys.addVal(Value.newBuilder().setInt64Val(driver)));
                requests.add(GetOnlineFeaturesRequest.newBuilder().setFeatures(FeatureList.newBuilder().addAllVal(features))
                        .setFullFeatureNames(shape.views().size() > 1).putEntities("driver_id", keys.build()).build());
            }
            return requests;
        });
    }

    /** The service's own view of its request times (Micronaut's http_server_requests_seconds), to tell its time from the client's. */
    private void serverSideTimes() throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(servingUrl + "/prometheus")).header("Authorization", "Bearer " + adminKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        double count = 0;
        double sum = 0;
        double max = 0;
        for (String line : metrics.body().lines().toList()) {
            if (line.startsWith("http_server_requests_seconds") && line.contains("uri=\"/get-online-features\"") && line.contains("status=\"200\"")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("http_server_requests_seconds_count")) {
                    count += value;
                } else if (line.startsWith("http_server_requests_seconds_sum")) {
                    sum += value;
                } else if (line.startsWith("http_server_requests_seconds_max")) {
                    max = Math.max(max, value);
                }
            }
        }
        rows.add("| server-side time of every 200 answer (http_server_requests_seconds) | %,.0f | mean %s | | | max %s | | - | - |"
                .formatted(count, format(count == 0 ? 0 : sum / count * 1000), format(max * 1000)));
    }

    /**
     * A shape at a rate through the service, then the same reads straight through Lettuce (the floor).
     *
     * @param targetMillis the p99 target (0: none)
     * @param targetFloorRatio the most the service's p99 may be over the floor's (0: no such target)
     */
    private void record(Shape shape, int rate, Duration duration, String target, double targetMillis, double targetFloorRatio, RedisOnlineStore store)
            throws InterruptedException {
        Result service = loadHttp("%s at %d rps".formatted(shape.name(), rate), rate, duration, shape);
        Result floor = load("%s at %d rps, Redis floor".formatted(shape.name(), rate), rate, duration, () -> floorRequest(store, shape));
        boolean met = targetMillis > 0 && service.p99Millis() <= targetMillis && service.errors() == 0
                && (targetFloorRatio == 0 || service.p99Millis() <= targetFloorRatio * floor.p99Millis());
        rows.add(row(service, target, met || targetMillis == 0, floor));
        rows.add(row(floor, "-", true, null));
    }

    /** Requests of a shape, each for random entities of its population (built once, cycled through by the load). */
    private List<byte[]> requests(Shape shape) {
        return httpRequests.computeIfAbsent(shape.name(), name -> {
            URI uri = URI.create(servingUrl);
            StringJoiner features = new StringJoiner(",", "[", "]");
            features(shape).forEach(feature -> features.add("\"" + feature + "\""));
            List<byte[]> requests = new ArrayList<>();
            for (List<Long> entityRow : entityRows(shape)) {
                StringJoiner entities = new StringJoiner(",", "[", "]");
                entityRow.forEach(driver -> entities.add(Long.toString(driver)));
                // views share feature names (f00...): several views need full feature names, as Feast requires
                String body = "{\"features\": %s, \"full_feature_names\": %s, \"entities\": {\"driver_id\": %s}}"
                        .formatted(features, shape.views().size() > 1, entities);
                requests.add(OpenLoopHttp.post(uri.getHost(), uri.getPort(), "/get-online-features?project=" + PROJECT, body, adminKey));
            }
            return requests;
        });
    }

    /** Every feature of a shape's views, {@code view:feature}. */
    private List<String> features(Shape shape) {
        List<String> features = new ArrayList<>();
        for (String view : shape.views()) {
            for (OnlineField field : schemas.get(view).fields()) {
                features.add(view + ":" + field.name());
            }
        }
        return features;
    }

    /** 4,096 requests' entities, random in the shape's population (the same for HTTP and gRPC: seeded by the shape). */
    private static List<List<Long>> entityRows(Shape shape) {
        Random random = new Random(shape.name().hashCode());
        List<List<Long>> rows = new ArrayList<>();
        for (int request = 0; request < 4_096; request++) {
            List<Long> entities = new ArrayList<>(shape.entities());
            for (int index = 0; index < shape.entities(); index++) {
                entities.add(Math.floorMod(random.nextLong(), shape.population()));
            }
            rows.add(entities);
        }
        return rows;
    }

    /** {@code rate} requests a second of a shape for {@code duration} through {@link OpenLoopHttp} (a connection per 250 rps, 2 to 24). */
    private Result loadHttp(String name, int rate, Duration duration, Shape shape) throws InterruptedException {
        return loadHttp(servingUrl, name, rate, duration, shape);
    }

    private Result loadHttp(String url, String name, int rate, Duration duration, Shape shape) throws InterruptedException {
        URI uri = URI.create(url);
        int connections = Math.max(2, Math.min(24, rate / 250));
        long pid = servicePids.getOrDefault(url, -1L);
        double cpuBefore = BenchSupport.cpuMillis(pid);
        OpenLoopHttp.Outcome outcome = OpenLoopHttp.run(uri.getHost(), uri.getPort(), requests(shape), rate, duration, connections);
        return result(name, rate, outcome, "connections=" + connections, BenchSupport.cpuMillis(pid) - cpuBefore);
    }

    /** @param cpuMillis the service process's CPU time (user + system) over the load, NaN where unknown */
    private static Result result(String name, int rate, OpenLoopHttp.Outcome outcome, String connections, double cpuMillis) {
        if (outcome.errors() > 0) {
            LOG.warn("{}: {} errors, the first: {}", name, outcome.errors(), outcome.firstError());
        }
        Result result = new Result(name, rate, outcome, outcome.count() == 0 ? Double.NaN : cpuMillis / outcome.count());
        LOG.info("{}: n={} errors={} {} p50={} ms p99={} ms p99.9={} ms max={} ms service CPU {} ms/request", name, outcome.count(), outcome.errors(), connections,
                format(result.p50Millis()), format(result.p99Millis()), format(result.p999Millis()), format(outcome.histogram().getMaxValue() / 1000.0),
                cpu(result.cpuMillisPerRequest()));
        return result;
    }

    private CompletableFuture<?> floorRequest(RedisOnlineStore store, Shape shape) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<RecordRead> reads = new ArrayList<>(shape.entities() * shape.views().size());
        for (int index = 0; index < shape.entities(); index++) {
            long driver = random.nextLong(shape.population());
            for (String view : shape.views()) {
                reads.add(new RecordRead(key(view, driver), schemas.get(view)));
            }
        }
        return store.read(reads);
    }

    /** Fires {@code rate} requests a second for {@code duration}, each at its intended time, whatever the earlier ones do. */
    private Result load(String name, int rate, Duration duration, Supplier<CompletableFuture<?>> request) {
        Histogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(30), 3);
        AtomicLong errors = new AtomicLong();
        long total = (long) rate * duration.toSeconds();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        List<CompletableFuture<?>> pending = new ArrayList<>((int) total);
        long start = System.nanoTime();
        for (long index = 0; index < total; index++) {
            long intended = start + index * period;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            CompletableFuture<?> future;
            try {
                future = request.get();
            }
            catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            pending.add(future.whenComplete((result, error) -> {
                histogram.recordValue(Math.max(0, (System.nanoTime() - intended) / 1_000));
                if (error != null) {
                    if (errors.incrementAndGet() == 1) {
                        LOG.warn("{}: first error: {}", name, error.getMessage());
                    }
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture<?>[]::new)).exceptionally(error -> null).join();
        Result result = new Result(name, rate, new OpenLoopHttp.Outcome(histogram, total, errors.get(), null), Double.NaN);
        LOG.info("{}: n={} errors={} p50={} ms p99={} ms p99.9={} ms max={} ms", name, total, errors.get(), format(result.p50Millis()),
                format(result.p99Millis()), format(result.p999Millis()), format(histogram.getMaxValue() / 1000.0));
        return result;
    }

    private void writeDataset(RedisOnlineStore store) {
        long started = System.nanoTime();
        Random random = new Random(5);
        Instant event = Instant.now();
        long records = 0;
        for (Map.Entry<String, OnlineSchema> view : schemas.entrySet()) {
            long population = view.getKey().equals("narrow") || view.getKey().equals(wide(0)) ? options.entities() : options.wideEntities();
            List<RecordWrite> batch = new ArrayList<>(2_000);
            for (long driver = 0; driver < population; driver++) {
                List<Object> values = new ArrayList<>(view.getValue().size());
                for (int feature = 0; feature < view.getValue().size(); feature++) {
                    values.add(random.nextDouble());
                }
                batch.add(new RecordWrite(key(view.getKey(), driver), view.getValue(), new OnlineRecord(event, null, values), null));
                if (batch.size() == 2_000) {
                    records += store.write(batch).join().written();
                    batch.clear();
                }
            }
            records += store.write(batch).join().written();
        }
        long nanos = System.nanoTime() - started;
        rows.add("| dataset written through the online store writer | %,d records | | | | | | %,.0f records/s | - |".formatted(records, records / (nanos / 1e9)));
        LOG.info("Dataset: {} records in {} s", records, seconds(nanos));
    }

    private void redisBytes(RedisClient client) {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            for (String view : List.of("narrow", wide(0))) {
                long total = 0;
                int samples = 1_000;
                for (long driver = 0; driver < samples; driver++) {
                    Long usage = connection.sync().memoryUsage(key(view, driver * 997 % options.entities()));
                    total += usage == null ? 0 : usage;
                }
                int features = schemas.get(view).size();
                double perRecord = total / (double) samples;
                rows.add("| Redis bytes per feature, view of %d FLOAT64 (MEMORY USAGE, key and overhead included) | %.1f bytes | | | | | | record %.0f bytes | - |"
                        .formatted(features, perRecord / features, perRecord));
            }
            String info = connection.sync().info("memory");
            info.lines().filter(line -> line.startsWith("used_memory:")).findFirst()
                    .ifPresent(line -> LOG.info("Redis {} after the dataset", line));
        }
    }

    private void apply(String registryUrl) throws IOException, InterruptedException {
        StringJoiner views = new StringJoiner(",\n");
        for (Map.Entry<String, OnlineSchema> view : schemas.entrySet()) {
            StringJoiner fields = new StringJoiner(", ");
            view.getValue().fields().forEach(field -> fields.add("{\"name\": \"%s\", \"dtype\": \"FLOAT64\"}".formatted(field.name())));
            views.add("{\"name\": \"%s\", \"entities\": [\"driver\"], \"source\": \"src\", \"ttl\": \"0\", \"schema\": [%s]}".formatted(view.getKey(), fields));
        }
        String document = """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "src", "type": "parquet", "path": "s3://featurestore/bench/serving/", "timestamp_field": "event_timestamp"}],
                 "feature_views": [%s]}""".formatted(views);
        send(HttpRequest.newBuilder(URI.create("%s/v1/projects/%s/apply".formatted(registryUrl, PROJECT))).header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(document)).build(), 200);
    }

    private void send(HttpRequest request, int... expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException("%s answered %d: %s".formatted(request.uri(), response.statusCode(), response.body()));
    }

    /** Pins every thread of a process to {@code cpus} (taskset); logs and goes on when it cannot. */
    private static void pin(long pid, String cpus) {
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (taskset.waitFor() != 0) {
                LOG.warn("taskset could not pin pid {}: {}", pid, output);
            }
        }
        catch (IOException | InterruptedException e) {
            LOG.warn("taskset could not pin pid {}: {}", pid, e.getMessage());
        }
    }

    private static OnlineSchema schema(int features) {
        List<OnlineField> fields = new ArrayList<>();
        for (int feature = 0; feature < features; feature++) {
            fields.add(new OnlineField("f%02d".formatted(feature), ValueType.FLOAT64));
        }
        return new OnlineSchema(fields);
    }

    private static String wide(int view) {
        return "wide_" + view;
    }

    private static String key(String view, long driver) {
        return OnlineKeys.recordKey(PROJECT, view, List.of(DRIVER), List.of(driver));
    }

    private String row(Result result, String target, boolean met, Result floor) {
        String ratio = floor == null ? "" : " (%.1fx the floor)".formatted(result.p99Millis() / Math.max(0.001, floor.p99Millis()));
        return "| %s | %,d (%d errors) | %s | %s%s | %s | %s | %s | %s | %s |".formatted(result.name(), result.count(), result.errors(),
                format(result.p50Millis()), format(result.p99Millis()), ratio, format(result.p999Millis()),
                format(result.histogram().getMaxValue() / 1000.0), cpu(result.cpuMillisPerRequest()), target, target.equals("-") ? "-" : met ? "met" : "MISSED");
    }

    private void printTable(String loadBefore, String loadAfter) {
        System.out.printf("%nServing bench%s: %,d entities (%,d for the 4 extra wide views), %d cores, Java %s, load average before %s, after %s%n%n",
                options.devstack() ? " on the dev stack (its defaults)" : "", options.entities(), options.wideEntities(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                loadBefore, loadAfter);
        System.out.println("| measurement | requests | p50 ms | p99 ms | p99.9 ms | max ms | service CPU ms/request | target | verdict |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String cpu(double millis) {
        return Double.isNaN(millis) ? "" : String.format(Locale.ROOT, "%.3f", millis);
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.0f", millis);
    }

    private record Shape(String name, int entities, List<String> views, long population) {
    }

    /**
     * @param outcome what the load measured (with each request's latency where the generator keeps them)
     * @param cpuMillisPerRequest the service's CPU time (user + system) over the load per request answered; NaN where not measured
     */
    private record Result(String name, int rate, OpenLoopHttp.Outcome outcome, double cpuMillisPerRequest) {
        long count() {
            return outcome.count();
        }

        long errors() {
            return outcome.errors();
        }

        Histogram histogram() {
            return outcome.histogram();
        }

        double p50Millis() {
            return histogram().getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return histogram().getValueAtPercentile(99) / 1000.0;
        }

        double p999Millis() {
            return histogram().getValueAtPercentile(99.9) / 1000.0;
        }
    }

    /** Command-line options {@code --name=value}. */
    private record Options(long entities, long wideEntities, int seconds, int warmupSeconds, List<Integer> maxRates, int maxSeconds, List<String> servingJvm,
            boolean rateSearchOnly, List<String> compareJvm, boolean grpc, boolean grpcOnly, int grpcChannels, boolean devstack) {
        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("options are --name=value, not " + arg);
                }
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            List<Integer> rates = new ArrayList<>();
            for (String rate : values.getOrDefault("max-rates", "2000,3000,4000,5000,6000,8000").split(",")) {
                rates.add(Integer.parseInt(rate.trim()));
            }
            // the dev stack cell writes into the dev stack's Redis: a smaller dataset by default, so that it is written quickly
            boolean devstack = Boolean.parseBoolean(values.getOrDefault("devstack", "false"));
            return new Options(Long.parseLong(values.getOrDefault("entities", devstack ? "100000" : "1000000")),
                    Long.parseLong(values.getOrDefault("wide-entities", devstack ? "20000" : "100000")),
                    Integer.parseInt(values.getOrDefault("seconds", devstack ? "10" : "20")), Integer.parseInt(values.getOrDefault("warmup-seconds", "30")), rates,
                    Integer.parseInt(values.getOrDefault("max-seconds", "10")),
                    values.containsKey("serving-jvm") ? List.of(values.get("serving-jvm").split(" ")) : List.of(),
                    Boolean.parseBoolean(values.getOrDefault("rate-search-only", "false")),
                    values.containsKey("compare-jvm") ? List.of(values.get("compare-jvm").split(" ")) : List.of(),
                    Boolean.parseBoolean(values.getOrDefault("grpc", "true")), Boolean.parseBoolean(values.getOrDefault("grpc-only", "false")),
                    Integer.parseInt(values.getOrDefault("grpc-channels", "2")), devstack);
        }
    }
}
