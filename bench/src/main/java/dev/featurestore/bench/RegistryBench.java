package dev.featurestore.bench;

import static dev.featurestore.bench.BenchSupport.awaitHealthy;
import static dev.featurestore.bench.BenchSupport.awaitOrFail;
import static dev.featurestore.bench.BenchSupport.freePort;
import static dev.featurestore.bench.BenchSupport.loadAverage;
import static dev.featurestore.bench.BenchSupport.repositoryRoot;
import static dev.featurestore.bench.BenchSupport.seconds;

import dev.featurestore.contracts.json.ContractsJson;
import dev.featurestore.registryclient.HttpRegistryClient;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.testkit.ServiceProcess;
import dev.featurestore.testkit.TestKeys;
import dev.featurestore.testkit.StackOptions;
import dev.featurestore.testkit.TestStack;
import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load generator for the registry (issue 3, "Performance"): starts the embedded infrastructure and
 * the real registry-service from its jar, applies a generated project of 200 feature views x 50
 * features and measures
 * <ol>
 *   <li>the whole-project apply (a fresh project each run) and the re-apply of the unchanged document,</li>
 *   <li>the snapshot {@code GET /v1/projects/{p}/registry}, without and with {@code If-None-Match},</li>
 *   <li>change propagation: an apply changing one view until a registry-client listening on Kafka
 *       holds the new {@code registry_version} (and until the change event is readable on the topic).</li>
 * </ol>
 * Prints one table. Options {@code --views=200 --features=50 --apply-runs=5 --snapshot-requests=500
 * --changes=50}.
 */
public final class RegistryBench {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryBench.class);
    private static final Duration CHANGE_BOUND = Duration.ofSeconds(30);
    private static final int APPLY_WARM_UP = 2;
    private static final int SNAPSHOT_WARM_UP = 100;
    private static final int CHANGE_WARM_UP = 5;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Options options;
    private final BenchDocument document;
    private final List<String> rows = new ArrayList<>();
    private String registryUrl;

    private RegistryBench(Options options) {
        this.options = options;
        this.document = new BenchDocument(options.views(), options.features());
    }

    public static void main(String[] args) {
        BenchSupport.runAndExit("Registry bench", () -> {
            new RegistryBench(Options.parse(args)).run();
            return true;
        });
    }

    private void run() throws Exception {
        Path root = repositoryRoot();
        Path logFile = root.resolve("bench/target/registry-service-bench.log");
        Files.createDirectories(logFile.getParent());
        Files.deleteIfExists(logFile);
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        try (TestStack stack = TestStack.start(StackOptions.forTests())) {
            LOG.info("Infrastructure up ({} mode) in {} s", stack.mode(), seconds(System.nanoTime() - started));
            Map<String, Object> properties = new HashMap<>(stack.properties());
            long registryStarted = System.nanoTime();
            try (ServiceProcess registry = ServiceProcess.start(root, "registry-service", freePort(), properties, List.of("-Xmx1g"), logFile)) {
                awaitHealthy(registry);
                LOG.info("registry-service healthy in {} s (pid {}, log {})", seconds(System.nanoTime() - registryStarted), registry.pid(), logFile);
                registryUrl = registry.url();
                runMeasurements(String.valueOf(stack.properties().get("kafka.bootstrap.servers")));
            }
        }
        printTable(loadBefore, loadAverage());
    }

    private void runMeasurements(String bootstrapServers) throws Exception {
        byte[] whole = document.project().getBytes(StandardCharsets.UTF_8);
        LOG.info("Document: {} entities, {} parquet sources, {} feature views x {} features, {} on-demand views, {} feature services: {} KiB",
                document.entities(), document.views(), document.views(), document.featuresPerView(), document.onDemandViews(),
                document.featureServices(), whole.length / 1024);

        // (a) whole-project apply, fresh project each run
        for (int run = 0; run < APPLY_WARM_UP; run++) {
            apply("bench_warm_up_%d".formatted(run), whole);
        }
        List<Long> applies = new ArrayList<>();
        List<Long> reapplies = new ArrayList<>();
        for (int run = 0; run < options.applyRuns(); run++) {
            String project = "bench_apply_%d".formatted(run);
            long start = System.nanoTime();
            apply(project, whole);
            applies.add(System.nanoTime() - start);
            start = System.nanoTime();
            apply(project, whole);
            reapplies.add(System.nanoTime() - start);
        }
        row(new Timings("apply whole project (new project, %d KiB)".formatted(whole.length / 1024), applies), "< 2000 ms (max)",
                millis -> millis < 2000);
        row(new Timings("re-apply unchanged document (plan only)", reapplies), "-", null);

        // (b) snapshot
        String project = "bench_apply_0";
        URI snapshot = URI.create("%s/v1/projects/%s/registry".formatted(registryUrl, project));
        HttpResponse<byte[]> first = http.send(HttpRequest.newBuilder(snapshot).header("Authorization", "Bearer " + TestKeys.ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        String etag = first.headers().firstValue("ETag").orElseThrow(() -> new IllegalStateException("snapshot without ETag"));
        int size = first.body().length;
        for (int request = 0; request < SNAPSHOT_WARM_UP; request++) {
            get(snapshot, Optional.empty(), 200);
            get(snapshot, Optional.of(etag), 304);
        }
        List<Long> full = new ArrayList<>();
        for (int request = 0; request < options.snapshotRequests(); request++) {
            full.add(get(snapshot, Optional.empty(), 200));
        }
        List<Long> notModified = new ArrayList<>();
        for (int request = 0; request < options.snapshotRequests(); request++) {
            notModified.add(get(snapshot, Optional.of(etag), 304));
        }
        row(new Timings("snapshot GET, 200 (%d KiB body)".formatted(size / 1024), full), "< 50 ms (p99)", millis -> millis < 50);
        row(new Timings("snapshot GET, If-None-Match -> 304", notModified), "< 50 ms (p99)", millis -> millis < 50);

        // (c) change propagation to a registry-client listening on Kafka
        measurePropagation(bootstrapServers, project);
    }

    private void measurePropagation(String bootstrapServers, String project) throws Exception {
        try (ChangeEventWatcher watcher = new ChangeEventWatcher(bootstrapServers, project);
                ApplicationContext listening = ApplicationContext.run(Map.of(
                        "micronaut.application.name", "bench",
                        "kafka.bootstrap.servers", bootstrapServers,
                        "featurestore.registry-client.enabled", "true",
                        "featurestore.registry-client.url", registryUrl,
                        "featurestore.registry-client.poll-interval", "1h"))) {
            ConsumerRegistry consumers = listening.getBean(ConsumerRegistry.class);
            awaitOrFail("registry-client's change consumer assigned", Duration.ofSeconds(60), () -> isAssigned(consumers));
            if (!watcher.awaitAssigned(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the bench's own change watcher got no partition within 60 s");
            }
            HttpRegistryClient client = listening.getBean(HttpRegistryClient.class);
            long cachedVersion = client.registry(project).registryVersion();
            LOG.info("registry-client cached project {} at registry version {}", project, cachedVersion);

            Random gaps = new Random(42);
            List<Long> fromAnswer = new ArrayList<>();
            List<Long> fromRequest = new ArrayList<>();
            List<Long> eventFromAnswer = new ArrayList<>();
            int changes = options.changes() + CHANGE_WARM_UP;
            for (int change = 0; change < changes; change++) {
                int view = change % document.views();
                List<String> added = new ArrayList<>();
                for (int generation = 0; generation <= change / document.views(); generation++) {
                    added.add("added_%d".formatted(generation));
                }
                byte[] body = document.changedView(view, added).getBytes(StandardCharsets.UTF_8);
                long sent = System.nanoTime();
                long version = apply(project, body);
                long answered = System.nanoTime();
                awaitOrFail("registry-client at registry version %d".formatted(version), CHANGE_BOUND,
                        () -> client.cached(project).map(ProjectRegistry::registryVersion).orElse(0L) >= version);
                long refreshed = System.nanoTime();
                awaitOrFail("change event of registry version %d on the topic".formatted(version), CHANGE_BOUND,
                        () -> watcher.seenAt(version).isPresent());
                if (change >= CHANGE_WARM_UP) {
                    fromAnswer.add(refreshed - answered);
                    fromRequest.add(refreshed - sent);
                    eventFromAnswer.add(Math.max(0, watcher.seenAt(version).orElseThrow() - answered));
                }
                // De-correlate the changes from the outbox relay's 200 ms poll.
                Thread.sleep(gaps.nextInt(250));
            }
            row(new Timings("change -> client cache at new version (from apply answer)", fromAnswer), "< 1000 ms (p99)",
                    millis -> millis < 1000);
            row(new Timings("change -> client cache at new version (from apply request)", fromRequest), "< 1000 ms (p99)",
                    millis -> millis < 1000);
            row(new Timings("change -> event readable on topic (from apply answer)", eventFromAnswer), "-", null);
        }
    }

    /** Whether a consumer of the context has partitions (asking before its first poll throws). */
    private static boolean isAssigned(ConsumerRegistry consumers) {
        for (String id : consumers.getConsumerIds()) {
            try {
                if (!consumers.getConsumerAssignment(id).isEmpty()) {
                    return true;
                }
            }
            catch (IllegalArgumentException notYetPolled) {
                // no assignment yet
            }
        }
        return false;
    }

    /** Applies a document; answers the new registry_version. */
    private long apply(String project, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("%s/v1/projects/%s/apply".formatted(registryUrl, project))).header("Authorization", "Bearer " + TestKeys.ADMIN_KEY)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("apply to %s answered %d: %s".formatted(project, response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8)));
        }
        JsonNode answer = ContractsJson.mapper().readValue(response.body(), Argument.of(JsonNode.class));
        return answer.get("registry_version").getLongValue();
    }

    /** One snapshot GET; answers its duration (request sent to body read). */
    private long get(URI uri, Optional<String> etag, int expectedStatus) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TestKeys.ADMIN_KEY).timeout(Duration.ofSeconds(30)).GET();
        etag.ifPresent(value -> builder.header("If-None-Match", value));
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException("GET %s answered %d, expected %d".formatted(uri, response.statusCode(), expectedStatus));
        }
        return elapsed;
    }

    private interface Verdict {
        boolean met(double millis);
    }

    private void row(Timings timings, String target, Verdict verdict) {
        String result = "-";
        if (verdict != null) {
            double judged = target.contains("(max)") ? timings.maxMillis() : timings.p99Millis();
            result = verdict.met(judged) ? "met" : "MISSED";
        }
        rows.add("| %s | %d | %s | %s | %s | %s | %s | %s |".formatted(timings.name(), timings.count(), format(timings.minMillis()),
                format(timings.medianMillis()), format(timings.p99Millis()), format(timings.maxMillis()), target, result));
        LOG.info("{}: n={} p50={} ms p99={} ms max={} ms", timings.name(), timings.count(), format(timings.medianMillis()),
                format(timings.p99Millis()), format(timings.maxMillis()));
    }

    private void printTable(String loadBefore, String loadAfter) {
        System.out.printf("%nRegistry bench: %d feature views x %d features, %d cores, Java %s, load average before %s, after %s%n%n",
                options.views(), options.features(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                loadBefore, loadAfter);
        System.out.println("| measurement | n | min ms | p50 ms | p99 ms | max ms | target | verdict |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String format(double millis) {
        return millis < 10 ? String.format(Locale.ROOT, "%.2f", millis) : String.format(Locale.ROOT, "%.0f", millis);
    }

    /** Command-line options {@code --name=value}. */
    private record Options(int views, int features, int applyRuns, int snapshotRequests, int changes) {
        static Options parse(String[] args) {
            Map<String, Integer> values = new HashMap<>(Map.of("views", 200, "features", 50, "apply-runs", 5,
                    "snapshot-requests", 500, "changes", 50));
            for (String arg : args) {
                if ("RegistryBench".equals(arg)) {
                    continue;
                }
                String[] parts = arg.replaceFirst("^--", "").split("=", 2);
                if (parts.length != 2 || !values.containsKey(parts[0])) {
                    throw new IllegalArgumentException("Unknown option '%s'; known: --%s=<n>".formatted(arg, String.join("=<n> --", values.keySet())));
                }
                int value = Integer.parseInt(parts[1]);
                if (value < 1) {
                    throw new IllegalArgumentException("%s must be positive, got %d".formatted(parts[0], value));
                }
                values.put(parts[0], value);
            }
            return new Options(values.get("views"), values.get("features"), values.get("apply-runs"), values.get("snapshot-requests"),
                    values.get("changes"));
        }
    }
}
