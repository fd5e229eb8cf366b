package dev.featurestore.bench;

import static dev.featurestore.bench.BenchSupport.awaitHealthy;
import static dev.featurestore.bench.BenchSupport.freePort;
import static dev.featurestore.bench.BenchSupport.loadAverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineRecordCodec;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.testkit.ServiceProcess;
import dev.featurestore.testkit.TestKeys;
import dev.featurestore.testkit.StackOptions;
import dev.featurestore.testkit.TestStack;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 6's materialization figure: {@code driver_10m} of the historical bench data (10M rows for 1M drivers, 30
 * days, created timestamps, a quarter of the rows corrections, f1..f5 FLOAT64) uploaded to the S3 API server, then
 * materialized into Redis by the real materialization-service (its jar, {@code -Xmx1g}) through
 * {@code POST /v1/materialize}, against a raw Lettuce pipelined {@code SET} of the same number of records of the same
 * size (1M keys, values encoded by the online codec) in the same run. The skew check is off (no historical-service
 * here). The backfill the apply sets off (a registry-change run over the whole history) is awaited first, as the
 * warm-up. Heap: the service's {@code jvm_memory_used_bytes{area="heap"}} sampled every 250 ms during the run.
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests -pl bench -am
 * java -Xmx3g -cp "bench/target/bench.jar:bench/target/lib/*" dev.featurestore.bench.MaterializationBench
 * </pre>
 * Options: {@code --runs=2 --service-jvm="-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" --memory-limit=512MB
 * --data=bench/target/historical-data}: by default the service runs with the dev stack's JVM options and its default
 * settings; {@code --memory-limit} sets {@code featurestore.offline-engine.memory-limit}.
 */
public final class MaterializationBench {
    private static final Logger LOG = LoggerFactory.getLogger(MaterializationBench.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROJECT = "bench";
    private static final String VIEW = "driver_10m";

    private final Map<String, String> options;

    private MaterializationBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] parts = arg.replaceFirst("^--", "").split("=", 2);
            options.put(parts[0], parts.length > 1 ? parts[1] : "true");
        }
        BenchSupport.runAndExit("Materialization bench", () -> new MaterializationBench(options).run());
    }

    private boolean run() throws Exception {
        int runs = Integer.parseInt(options.getOrDefault("runs", "2"));
        // The dev stack's JVM options for its services (devstack's DevStackConfig.DEFAULT_SERVICE_JAVA_OPTIONS).
        String serviceJvm = options.getOrDefault("service-jvm", "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        String memoryLimit = options.getOrDefault("memory-limit", "512MB (the default)");
        Path root = BenchSupport.repositoryRoot();
        HistoricalData data = new HistoricalData(Path.of(options.getOrDefault("data", root.resolve("bench/target/historical-data").toString())));
        data.ensureGenerated();
        String loadBefore = loadAverage();
        try (TestStack stack = TestStack.start(StackOptions.forTests())) {
            long uploaded = upload(stack, data.source(VIEW));
            Map<String, Object> properties = new HashMap<>(stack.properties());
            Path logs = root.resolve("bench/target");
            try (ServiceProcess registry = ServiceProcess.start(root, "registry-service", freePort(), properties, List.of("-Xmx512m"),
                    logs.resolve("materialization-bench-registry.log"))) {
                awaitHealthy(registry);
                apply(registry.url(), "s3://%s/bench/driver_10m/".formatted(stack.s3().bucket()));
                properties.put("featurestore.registry-client.url", registry.url());
                properties.put("featurestore.materialization.skew-check-enabled", "false");
                if (options.containsKey("memory-limit")) {
                    properties.put("featurestore.offline-engine.memory-limit", options.get("memory-limit"));
                }
                properties.put("featurestore.materialization.stream-enabled", "false");
                List<String> jvm = List.of(serviceJvm.trim().split(" +"));
                try (ServiceProcess service = ServiceProcess.start(root, "materialization-service", freePort(), properties,
                        jvm, logs.resolve("materialization-bench-service.log"));
                        RedisClient redis = RedisClient.create(stack.redis().uri());
                        StatefulRedisConnection<byte[], byte[]> connection = redis.connect(ByteArrayCodec.INSTANCE)) {
                    awaitHealthy(service);
                    awaitIdle(service.url());
                    List<byte[][]> records = records();
                    List<String> lines = new ArrayList<>();
                    for (int run = 0; run < runs; run++) {
                        connection.sync().flushall();
                        long floorNanos = floor(connection, records);
                        connection.sync().flushall();
                        ServiceRun measured = materialize(service.url());
                        long keys = connection.sync().dbsize();
                        long resident = BenchSupport.peakResidentBytes(service.pid());
                        lines.add(String.format(Locale.ROOT,
                                "run %d: service %.1f s (%,.0f rows/s, %,.0f entities/s; %,d rows read, %,d entities written, %,d keys in Redis, "
                                        + "heap max sampled %d MB; service peak resident memory %d MB so far) | raw Lettuce pipelined SET of %,d records %.1f s (%,.0f records/s) | service/floor %.1fx",
                                run + 1, measured.seconds(), measured.rowsRead() / measured.seconds(), measured.written() / measured.seconds(),
                                measured.rowsRead(), measured.written(), keys, measured.heapMegabytes(), resident / (1024 * 1024), records.size(),
                                floorNanos / 1e9, records.size() / (floorNanos / 1e9), measured.seconds() / (floorNanos / 1e9)));
                        LOG.info(lines.get(lines.size() - 1));
                    }
                    System.out.printf("%nMaterialization bench (%s, %d cores, load before %s, after %s; %d MB uploaded; engine memory limit %s; service JVM %s)%n",
                            Instant.now(), Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(), uploaded / (1024 * 1024), memoryLimit, jvm);
                    lines.forEach(System.out::println);
                }
            }
        }
        return true;
    }

    private static long upload(TestStack stack, Path source) throws Exception {
        long bytes = 0;
        try (S3Client client = S3Client.builder()
                .endpointOverride(URI.create(stack.s3().endpoint()))
                .region(Region.of(stack.s3().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(stack.s3().accessKey(), stack.s3().secretKey())))
                .forcePathStyle(true)
                .build();
                S3ObjectStore store = new S3ObjectStore(client);
                Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".parquet")).sorted().toList()) {
                byte[] content = Files.readAllBytes(file);
                store.put(StorageUri.s3(stack.s3().bucket(), "bench/driver_10m/" + file.getFileName()), content);
                bytes += content.length;
            }
        }
        LOG.info("uploaded {} MB of {}", bytes / (1024 * 1024), source);
        return bytes;
    }

    private static void apply(String registryUrl, String path) throws Exception {
        String document = """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "driver_src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp",
                                   "created_timestamp_column": "created"}],
                 "feature_views": [{"name": "%s", "entities": ["driver"], "source": "driver_src", "ttl": "0",
                   "schema": [{"name": "f1", "dtype": "FLOAT64"}, {"name": "f2", "dtype": "FLOAT64"}, {"name": "f3", "dtype": "FLOAT64"},
                              {"name": "f4", "dtype": "FLOAT64"}, {"name": "f5", "dtype": "FLOAT64"}]}]}""".formatted(path, VIEW);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registryUrl + "/v1/projects/" + PROJECT + "/apply")).header("Authorization", "Bearer " + TestKeys.ADMIN_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(document)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("apply failed: %d %s".formatted(response.statusCode(), response.body()));
        }
    }

    private record ServiceRun(double seconds, long rowsRead, long written, long heapMegabytes) {
    }

    private static ServiceRun materialize(String serviceUrl) throws Exception {
        String body = "{\"project\": \"%s\", \"feature_views\": [\"%s\"], \"start_ts\": \"%s\", \"end_ts\": \"%s\"}"
                .formatted(PROJECT, VIEW, HistoricalData.START, HistoricalData.START.plus(Duration.ofDays(31)));
        long started = System.nanoTime();
        HttpResponse<String> queued = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/v1/materialize")).header("Authorization", "Bearer " + TestKeys.ADMIN_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (queued.statusCode() != 202) {
            throw new IllegalStateException("materialize failed: %d %s".formatted(queued.statusCode(), queued.body()));
        }
        String id = JSON.readTree(queued.body()).path("runs").get(0).path("run_id").asText();
        long heap = 0;
        while (true) {
            heap = Math.max(heap, heapBytes(serviceUrl));
            JsonNode run = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/v1/runs/" + id)).header("Authorization", "Bearer " + TestKeys.ADMIN_KEY).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String state = run.path("state").asText();
            if (state.equals("succeeded")) {
                double seconds = run.path("timings").path("run_ms").asLong() / 1000.0;
                LOG.info("run {} succeeded in {} s ({} s from the request)", id, seconds, (System.nanoTime() - started) / 1e9);
                JsonNode result = run.path("result");
                return new ServiceRun(seconds, result.path("rows_read").asLong(), result.path("entities_written").asLong(), heap / (1024 * 1024));
            }
            if (state.equals("failed")) {
                throw new IllegalStateException("the run failed: " + run);
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /**
     * Waits for the backfill the apply's registry-change event sets off (the view's whole history, as the measured
     * runs): it serves as the warm-up, and no measured run or floor shares the machine with it.
     */
    private static void awaitIdle(String serviceUrl) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode runs = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/v1/runs?project=" + PROJECT)).header("Authorization", "Bearer " + TestKeys.ADMIN_KEY).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("runs");
            boolean busy = runs.isEmpty();
            for (JsonNode run : runs) {
                busy |= List.of("queued", "running").contains(run.path("state").asText());
            }
            if (!busy) {
                LOG.info("the registry-change backfill (warm-up) ended: {}", runs.get(0).path("timings"));
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("the registry-change backfill did not end within 5 minutes");
    }

    private static long heapBytes(String serviceUrl) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/prometheus")).header("Authorization", "Bearer " + TestKeys.ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            long sum = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (Exception e) {
            return 0;
        }
    }

    /** 1M records shaped as the service writes them: the view's record keys and values of five FLOAT64 with timestamps. */
    private static List<byte[][]> records() {
        List<JoinKey> keys = List.of(new JoinKey("driver_id", ValueType.INT64));
        OnlineSchema schema = OnlineSchema.of(List.of(field("f1"), field("f2"), field("f3"), field("f4"), field("f5")));
        Random random = new Random(1);
        List<byte[][]> records = new ArrayList<>(HistoricalData.DRIVERS);
        Instant event = HistoricalData.START.plus(Duration.ofDays(29));
        for (long driver = 1; driver <= HistoricalData.DRIVERS; driver++) {
            byte[] key = OnlineKeys.recordKey(PROJECT, VIEW, keys, List.of(driver)).getBytes(StandardCharsets.UTF_8);
            byte[] value = OnlineRecordCodec.encode(schema, new OnlineRecord(event, event, List.of(random.nextDouble(), random.nextDouble(),
                    random.nextDouble(), random.nextDouble(), random.nextDouble())));
            records.add(new byte[][] {key, value});
        }
        return records;
    }

    /** Raw pipelined SETs of the records: commands flushed 1,000 at a time, at most 8 batches unanswered. */
    private static long floor(StatefulRedisConnection<byte[], byte[]> connection, List<byte[][]> records) {
        RedisAsyncCommands<byte[], byte[]> async = connection.async();
        long started = System.nanoTime();
        connection.setAutoFlushCommands(false);
        try {
            List<List<RedisFuture<String>>> inFlight = new ArrayList<>();
            List<RedisFuture<String>> batch = new ArrayList<>(1000);
            for (byte[][] record : records) {
                batch.add(async.set(record[0], record[1]));
                if (batch.size() == 1000) {
                    connection.flushCommands();
                    inFlight.add(batch);
                    batch = new ArrayList<>(1000);
                    if (inFlight.size() == 8) {
                        LettuceFutures.awaitAll(Duration.ofSeconds(60), inFlight.remove(0).toArray(RedisFuture[]::new));
                    }
                }
            }
            connection.flushCommands();
            inFlight.add(batch);
            for (List<RedisFuture<String>> pending : inFlight) {
                LettuceFutures.awaitAll(Duration.ofSeconds(60), pending.toArray(RedisFuture[]::new));
            }
        } finally {
            connection.setAutoFlushCommands(true);
        }
        return System.nanoTime() - started;
    }

    private static Field field(String name) {
        return new Field(name, ValueType.FLOAT64, null, null);
    }
}
