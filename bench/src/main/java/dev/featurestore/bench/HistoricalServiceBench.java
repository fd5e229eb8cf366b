package dev.featurestore.bench;

import static dev.featurestore.bench.BenchSupport.awaitHealthy;
import static dev.featurestore.bench.BenchSupport.freePort;
import static dev.featurestore.bench.BenchSupport.loadAverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurestore.contracts.definition.FeatureDuration;
import dev.featurestore.testkit.ServiceProcess;
import dev.featurestore.testkit.StackMode;
import dev.featurestore.testkit.StackOptions;
import dev.featurestore.testkit.TestKeys;
import dev.featurestore.testkit.TestStack;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 15's end-to-end figure: training sets computed by the real historical-service (its jar, the dev stack's JVM
 * options, no {@code featurestore.*} setting but the stack's endpoints and keys, so the offline engine runs at its
 * defaults) from entity rows and sources in the test stack's S3 API server, against DuckDB alone (in this JVM, on the
 * local copies of the same files, {@code SET threads} as the engine's default) in the same run. Each job is timed
 * from its submit to the poll (every 50 ms) that answers {@code succeeded}; its output parts are downloaded and
 * compared row by row with DuckDB's result. The service's heap (its {@code /prometheus}) and resident memory
 * ({@code /proc/<pid>/status}, {@code VmHWM} reset before each job) are sampled meanwhile. The {@code scale} case (100M
 * feature rows of 10M entities, 10M entity rows, {@link HistoricalScaleData}) runs one job, without DuckDB unless
 * {@code --scale-compare=true}.
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests -pl bench -am
 * java -Xmx2g -cp "bench/target/bench.jar:bench/target/lib/*" dev.featurestore.bench.HistoricalServiceBench --cases=1m,10m,3views,feast3003 --runs=2
 * java -Xmx2g -cp "bench/target/bench.jar:bench/target/lib/*" dev.featurestore.bench.HistoricalServiceBench --cases=scale
 * </pre>
 * Options: see {@link Options#parse}.
 */
public final class HistoricalServiceBench {
    private static final Logger LOG = LoggerFactory.getLogger(HistoricalServiceBench.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The dev stack's service JVM options ({@code DevStackConfig.DEFAULT_SERVICE_JAVA_OPTIONS}; the bench does not depend on devstack). */
    static final String DEV_STACK_JVM = "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final String PROJECT = "bench";
    private static final String SCALE = "scale";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration MEMORY_SAMPLES = Duration.ofMillis(250);
    /** How long a job's GET may answer other than 200 before the bench gives up on the job. */
    private static final Duration REFUSED_POLLS = Duration.ofSeconds(30);

    private final Options options;
    private final String[] arguments;
    private final Path root;
    private final Path target;
    private final Path work;
    private final Path serviceLog;
    private final Map<Path, String> storagePrefixes = new LinkedHashMap<>();
    private final List<Result> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean failed;

    private HistoricalServiceBench(Options options, String[] arguments) {
        this.options = options;
        this.arguments = arguments.clone();
        this.root = BenchSupport.repositoryRoot();
        this.target = root.resolve("bench/target");
        this.work = target.resolve("historical-service-work");
        this.serviceLog = target.resolve("historical-service-bench.log");
    }

    public static void main(String[] args) {
        BenchSupport.runAndExit("Historical service bench", () -> new HistoricalServiceBench(Options.parse(args), args).run());
    }

    private boolean run() throws Exception {
        String loadBefore = loadAverage();
        List<HistoricalCase> cases = cases();
        HistoricalData.deleteRecursively(work);
        Files.createDirectories(work);
        Path stackDirectory = target.resolve("historical-service-stack");
        HistoricalData.deleteRecursively(stackDirectory);
        // A data directory, as the dev stack has: the S3 API server keeps objects on disk (the scale case is 5 GB), not in this heap.
        StackOptions stackOptions = new StackOptions(StackMode.fromEnvironment(), 0, 0, 0, 0, Optional.of(stackDirectory));
        List<String> jvm = List.of(options.serviceJvm().trim().split("\\s+"));
        try (TestStack stack = TestStack.start(stackOptions);
                S3Client s3 = stack.s3().client();
                Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckDb.createStatement()) {
            statement.execute("SET threads = %d".formatted(engineThreads()));
            statement.execute("SET TimeZone = 'UTC'");
            upload(s3, stack.s3().bucket(), cases);
            Map<String, Object> properties = new LinkedHashMap<>(stack.properties());
            Path registryLog = target.resolve("historical-service-bench-registry.log");
            Files.deleteIfExists(registryLog);
            Files.deleteIfExists(serviceLog);
            try (ServiceProcess registry = ServiceProcess.start(root, "registry-service", freePort(), properties, jvm, registryLog)) {
                awaitHealthy(registry);
                apply(registry.url(), document(cases, stack.s3().bucket()));
                properties.put("featurestore.registry-client.url", registry.url());
                properties.putAll(options.serviceSettings());
                try (ServiceProcess service = ServiceProcess.start(root, "historical-service", freePort(), properties, jvm, serviceLog)) {
                    awaitHealthy(service);
                    LOG.info("historical-service at {}", service.url());
                    for (HistoricalCase join : cases) {
                        runCase(join, service, s3, stack.s3().bucket(), statement);
                    }
                }
            }
        } finally {
            HistoricalData.deleteRecursively(stackDirectory);
        }
        printReport(loadBefore, loadAverage(), jvm);
        return !failed;
    }


    private List<HistoricalCase> cases() {
        List<HistoricalCase> selected = new ArrayList<>();
        HistoricalData data = null;
        for (String name : options.cases()) {
            if (name.equals(SCALE)) {
                HistoricalScaleData scale = new HistoricalScaleData(root.resolve(options.scaleData()), options.scaleRows(), options.scaleEntities(),
                        options.scaleEntityRows(), options.scaleFiles());
                double seconds = scale.ensureGenerated();
                notes.add("scale data in %s (%s)".formatted(scale.source().getParent(), seconds == 0 ? "cached" : "generated in %.0f s".formatted(seconds)));
                storagePrefixes.put(scale.source().getParent(), "bench/scale/");
                selected.add(scale.join(options.scaleTtl()));
                continue;
            }
            if (data == null) {
                data = new HistoricalData(root.resolve(options.data()));
                double seconds = data.ensureGenerated();
                notes.add("data in %s (%s)".formatted(data.directory(), seconds == 0 ? "cached" : "generated in %.0f s".formatted(seconds)));
                storagePrefixes.put(data.directory(), "bench/historical/");
            }
            selected.add(HistoricalCase.all(data).stream().filter(join -> join.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no case '%s' (cases: 1m, 10m, 3views, feast3003, scale)".formatted(name))));
        }
        return selected;
    }

    /** As the engine's default ({@code featurestore.offline-engine.threads: 0}): the machine's cores, at most 4. */
    private static int engineThreads() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    // --- S3 API: the same files as the local copies DuckDB reads

    /** The key of a local data file in the bucket: its data directory's prefix, then its path below that directory. */
    private String key(Path local) {
        Path absolute = local.toAbsolutePath();
        return storagePrefixes.entrySet().stream().filter(entry -> absolute.startsWith(entry.getKey()))
                .map(entry -> entry.getValue() + entry.getKey().relativize(absolute).toString().replace('\\', '/'))
                .findFirst().orElseThrow(() -> new IllegalStateException("%s is in no data directory".formatted(local)));
    }

    private String s3Uri(String bucket, Path local) {
        return "s3://%s/%s".formatted(bucket, key(local));
    }

    private void upload(S3Client s3, String bucket, List<HistoricalCase> cases) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (HistoricalCase join : cases) {
            files.add(join.entities());
            for (HistoricalCase.View view : join.views()) {
                try (Stream<Path> listed = Files.list(view.source())) {
                    listed.filter(file -> file.toString().endsWith(".parquet")).sorted().forEach(files::add);
                }
            }
        }
        long started = System.nanoTime();
        long bytes = 0;
        for (Path file : files) {
            s3.putObject(builder -> builder.bucket(bucket).key(key(file)), RequestBody.fromFile(file));
            bytes += Files.size(file);
        }
        String line = "uploaded %d objects, %d MB, to the S3 API server in %.1f s".formatted(files.size(), bytes >> 20, (System.nanoTime() - started) / 1e9);
        LOG.info(line);
        notes.add(line);
    }

    private static List<Path> download(S3Client s3, List<String> uris, Path directory) throws IOException {
        HistoricalData.deleteRecursively(directory);
        Files.createDirectories(directory);
        List<Path> files = new ArrayList<>();
        for (String uri : uris) {
            URI parsed = URI.create(uri);
            String key = parsed.getPath().substring(1);
            Path file = directory.resolve(key.substring(key.lastIndexOf('/') + 1));
            s3.getObject(builder -> builder.bucket(parsed.getHost()).key(key), ResponseTransformer.toFile(file));
            files.add(file);
        }
        return files;
    }

    // --- registry

    /** One project: per view an entity of its key (INT64), a parquet source at its objects, the view (FLOAT64 features, its TTL). */
    private String document(List<HistoricalCase> cases, String bucket) {
        ObjectNode document = JSON.createObjectNode();
        ArrayNode entities = document.putArray("entities");
        ArrayNode sources = document.putArray("data_sources");
        ArrayNode views = document.putArray("feature_views");
        Set<String> entityNames = new LinkedHashSet<>();
        Set<String> viewNames = new LinkedHashSet<>();
        for (HistoricalCase join : cases) {
            for (HistoricalCase.View view : join.views()) {
                if (!viewNames.add(view.name())) {
                    continue;
                }
                String entity = entityOf(view);
                if (entityNames.add(entity)) {
                    ObjectNode node = entities.addObject().put("name", entity);
                    node.putArray("join_keys").addObject().put("name", view.key()).put("value_type", "INT64");
                }
                ObjectNode source = sources.addObject().put("name", view.name() + "_src").put("type", "parquet")
                        .put("path", s3Uri(bucket, view.source()) + "/").put("timestamp_field", "event_timestamp");
                if (view.created()) {
                    source.put("created_timestamp_column", "created");
                }
                ObjectNode node = views.addObject().put("name", view.name()).put("source", view.name() + "_src")
                        .put("ttl", FeatureDuration.of(view.ttl()).text());
                node.putArray("entities").add(entity);
                ArrayNode schema = node.putArray("schema");
                view.features().forEach(feature -> schema.addObject().put("name", feature).put("dtype", "FLOAT64"));
            }
        }
        return document.toString();
    }

    private static String entityOf(HistoricalCase.View view) {
        return view.key().replaceFirst("_id$", "");
    }

    private static void apply(String registryUrl, String document) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(registryUrl + "/v1/projects/" + PROJECT + "/apply"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(document)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("apply failed: %d %s".formatted(response.statusCode(), response.body()));
        }
        LOG.info("applied project {} ({} KiB)", PROJECT, document.length() / 1024);
    }

    /** Sends a request built from a fresh builder ({@code header} adds to a builder: one reused would send the key once more each time). */
    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Bearer " + TestKeys.ADMIN_KEY).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // --- one case: warm-up job, timed jobs interleaved with DuckDB alone, then the last output against DuckDB's

    private void runCase(HistoricalCase join, ServiceProcess service, S3Client s3, String bucket, Statement duckDb) throws Exception {
        boolean scale = join.name().equals(SCALE);
        int runs = scale ? 1 : options.runs();
        Duration timeout = Duration.ofMinutes(scale ? options.scaleTimeoutMinutes() : options.jobTimeoutMinutes());
        boolean compare = !scale || options.scaleCompare();
        Path duckDbOutput = work.resolve("duckdb-%s.parquet".formatted(join.name()));
        if (!scale) {
            LOG.info("case {}: warm-up job", join.name());
            JobRun warmUp = runJob(join, service, bucket, "warm-up", timeout);
            if (!warmUp.succeeded()) {
                fail(join, List.of(warmUp), "warm-up job " + warmUp.outcome());
                return;
            }
            duckDbCopy(join, duckDb, duckDbOutput);
        }
        List<JobRun> jobs = new ArrayList<>();
        List<Long> duckDbNanos = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            LOG.info("case {}: run {} of {}", join.name(), run, runs);
            JobRun job = runJob(join, service, bucket, "run-" + run, timeout);
            jobs.add(job);
            if (!job.succeeded()) {
                fail(join, jobs, "job " + job.outcome());
                return;
            }
            if (compare) {
                duckDbNanos.add(duckDbCopy(join, duckDb, duckDbOutput));
            }
        }
        String check = "succeeded; not compared with DuckDB (--scale-compare=false)";
        if (compare) {
            List<Path> parts = download(s3, jobs.get(jobs.size() - 1).outputFiles(), work.resolve("service-" + join.name()));
            check = compare(join, duckDb, parts, duckDbOutput);
        }
        results.add(new Result(join, jobs, duckDbNanos.isEmpty() ? Optional.empty() : Optional.of(new Timings("duckdb", duckDbNanos)), check));
    }

    private void fail(HistoricalCase join, List<JobRun> jobs, String what) throws IOException {
        failed = true;
        LOG.error("case {}: {} (service log: {})", join.name(), what, serviceLog);
        results.add(new Result(join, jobs, Optional.empty(), "**FAILED**: " + what));
        List<String> lines = Files.readAllLines(serviceLog).stream().filter(line -> !line.startsWith("\tat ")).toList();
        notes.add("case %s failed; the last lines of %s (stack frames left out):%n    %s".formatted(join.name(), serviceLog,
                String.join("\n    ", lines.subList(Math.max(0, lines.size() - 15), lines.size()))));
    }

    /** One job: submitted, polled every 50 ms until it finished, timed from the submit to the answer that says so. */
    private JobRun runJob(HistoricalCase join, ServiceProcess service, String bucket, String label, Duration timeout) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("project", PROJECT);
        ArrayNode features = request.putArray("features");
        join.views().forEach(view -> view.features().forEach(feature -> features.add(view.name() + ":" + feature)));
        request.putObject("entity_source").put("uri", s3Uri(bucket, join.entities()));
        request.put("event_timestamp_column", "event_timestamp");
        request.put("output_uri", "s3://%s/bench-out/%s/%s-%s/".formatted(bucket, join.name(), label, UUID.randomUUID()));
        try (ServiceMemory memory = ServiceMemory.watch(service.pid(), service.url(), TestKeys.ADMIN_KEY, MEMORY_SAMPLES)) {
            long started = System.nanoTime();
            HttpResponse<String> submitted = send(HttpRequest.newBuilder(URI.create(service.url() + "/v1/historical-features"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())));
            if (submitted.statusCode() != 202) {
                throw new IllegalStateException("case %s: submit answered %d %s".formatted(join.name(), submitted.statusCode(), submitted.body()));
            }
            String id = JSON.readTree(submitted.body()).path("job_id").asText();
            JsonNode job = poll(service, id, started + timeout.toNanos());
            long nanos = System.nanoTime() - started;
            memory.close();
            JobRun run = new JobRun(label, nanos, job, memory.maxHeapBytes(), memory.peakResidentBytes(), memory.maxSampledResidentBytes(),
                    memory.peakResetOk());
            LOG.info("case {} {}: {} in {} ms (job run_ms {}), heap max sampled {} MB, peak RSS {} MB; counts {}", join.name(), label, run.outcome(),
                    nanos / 1_000_000, job.path("timings").path("run_ms").asText("-"), run.heapBytes() >> 20, run.peakResidentBytes() >> 20,
                    job.path("counts"));
            return run;
        }
    }

    /** Polls the job until it is no longer queued or running; a service that exited or a timeout gives a synthetic failed job. */
    private static JsonNode poll(ServiceProcess service, String id, long deadline) throws InterruptedException {
        URI job = URI.create(service.url() + "/v1/jobs/" + id);
        String lastState = "queued";
        long failingSince = 0;
        while (true) {
            try {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(job).GET());
                if (answer.statusCode() != 200) {
                    LOG.warn("polling job {}: {} {}", id, answer.statusCode(), answer.body());
                    failingSince = failingSince == 0 ? System.nanoTime() : failingSince;
                    if (System.nanoTime() - failingSince > REFUSED_POLLS.toNanos()) {
                        return synthetic(id, "POLL_REFUSED", "GET /v1/jobs/%s answered %d %s for %s (the job was %s before)".formatted(id,
                                answer.statusCode(), answer.body(), REFUSED_POLLS, lastState));
                    }
                } else {
                    failingSince = 0;
                    JsonNode answered = JSON.readTree(answer.body());
                    lastState = answered.path("state").asText();
                    if (!lastState.equals("queued") && !lastState.equals("running")) {
                        return answered;
                    }
                }
            } catch (IOException e) {
                if (!service.isAlive()) {
                    return synthetic(id, "SERVICE_EXITED", "historical-service exited while the job was %s (see its log)".formatted(lastState));
                }
                LOG.warn("polling job {}: {}", id, e.toString());
            }
            if (System.nanoTime() > deadline) {
                return synthetic(id, "BENCH_TIMEOUT", "the job was still %s when the bench stopped waiting".formatted(lastState));
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
        }
    }

    private static JsonNode synthetic(String id, String code, String message) {
        ObjectNode job = JSON.createObjectNode().put("job_id", id).put("state", "not finished");
        job.putObject("error").put("code", code).put("message", message);
        return job;
    }

    // --- DuckDB alone

    /** DuckDB alone: the case's join over the local files, written to one Parquet file. */
    private static long duckDbCopy(HistoricalCase join, Statement duckDb, Path output) throws SQLException {
        long started = System.nanoTime();
        duckDb.execute("COPY (%s) TO '%s' (FORMAT parquet)".formatted(join.duckDbQuery(), output));
        long nanos = System.nanoTime() - started;
        LOG.info("case {}: DuckDB alone {} ms", join.name(), nanos / 1_000_000);
        return nanos;
    }

    /** The service's output parts, numbered in file then row order, against DuckDB's result, every column; a difference fails the bench. */
    private String compare(HistoricalCase join, Statement duckDb, List<Path> parts, Path duckDbOutput) throws SQLException {
        String files = parts.stream().map(part -> "'" + part + "'").collect(Collectors.joining(", ", "[", "]"));
        String output = ("(SELECT * EXCLUDE (filename, file_row_number), row_number() OVER (ORDER BY filename, file_row_number) - 1 AS file_row_number"
                + " FROM read_parquet(%s, filename = true, file_row_number = true))").formatted(files);
        try (ResultSet result = duckDb.executeQuery(join.duckDbComparison(output, duckDbOutput))) {
            result.next();
            long rows = result.getLong(1);
            long differing = result.getLong(2);
            if (rows != join.entityRows() || differing != 0) {
                failed = true;
                String summary = "**DIFFERS**: %d of %d rows (entity rows: %d)".formatted(differing, rows, join.entityRows());
                LOG.error("case {}: the service's output ({}) differs from DuckDB's ({}): {}", join.name(), parts, duckDbOutput, summary);
                return summary;
            }
            StringBuilder shares = new StringBuilder();
            for (int view = 0; view < join.views().size(); view++) {
                shares.append(view == 0 ? "" : "/").append(Math.round(100.0 * result.getLong(3 + view) / rows)).append('%');
            }
            return "all %d rows equal in %d part(s) (matched: %s)".formatted(rows, parts.size(), shares);
        }
    }

    // --- report

    private void printReport(String loadBefore, String loadAfter, List<String> jvm) {
        StringBuilder out = new StringBuilder("\n");
        List<String> plan = new ArrayList<>();
        if (options.cases().stream().anyMatch(name -> !name.equals(SCALE))) {
            plan.add("%d timed job(s) per case after one warm-up job".formatted(options.runs()));
        }
        if (options.cases().contains(SCALE)) {
            plan.add("scale: one job, no warm-up");
        }
        out.append("HistoricalServiceBench, %s; %s\n".formatted(Instant.now(), String.join("; ", plan)));
        out.append("command: java %s -cp \"bench/target/bench.jar:bench/target/lib/*\" %s %s\n".formatted(
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), HistoricalServiceBench.class.getName(), String.join(" ", arguments)));
        out.append("historical-service: its jar, JVM %s; featurestore.* settings: the stack's endpoints and keys and the registry URL, %s"
                .formatted(jvm, options.serviceSettings().isEmpty() ? "nothing else " : "and **%s** ".formatted(options.serviceSettings())));
        out.append("(offline engine defaults: memory-limit 512MB, threads 0 = %d here); registry-service beside it, same JVM options\n"
                .formatted(engineThreads()));
        out.append("DuckDB alone: in the bench JVM (%s), SET threads = %d, its default memory limit, local copies of the same files, COPY to one Parquet file\n"
                .formatted(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), engineThreads()));
        out.append("machine: %d cores, Java %s; load average %s before, %s after\n".formatted(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.runtime.version"), loadBefore, loadAfter));
        notes.forEach(note -> out.append(note).append('\n'));
        out.append("\n| case | service ms (median, min-max) | job run_ms (median) | DuckDB alone ms (median) | service / DuckDB | entity rows/s (service) "
                + "| service heap MB (max sampled) | service peak RSS MB (VmHWM) | counts (entity rows, feature rows read, rows written) | result check |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            out.append(result.row()).append('\n');
        }
        out.append("\nJobs:\n");
        for (Result result : results) {
            for (JobRun job : result.jobs()) {
                out.append("- %s %s: %s, %.0f ms from submit to the succeeded answer, job timings %s, heap max sampled %d MB, VmHWM %d MB%s, VmRSS max sampled %d MB\n"
                        .formatted(result.join().name(), job.label(), job.outcome(), job.nanos() / 1e6, job.job().path("timings"), job.heapBytes() >> 20,
                                job.peakResidentBytes() >> 20, job.peakResetOk() ? "" : " (process lifetime)", job.sampledResidentBytes() >> 20));
            }
        }
        System.out.println(out);
    }

    private record JobRun(String label, long nanos, JsonNode job, long heapBytes, long peakResidentBytes, long sampledResidentBytes, boolean peakResetOk) {
        boolean succeeded() {
            return job.path("state").asText().equals("succeeded");
        }

        String outcome() {
            return succeeded() ? "succeeded" : "%s: %s".formatted(job.path("state").asText(), job.path("error"));
        }

        List<String> outputFiles() {
            List<String> files = new ArrayList<>();
            job.path("output_files").forEach(file -> files.add(file.asText()));
            return files;
        }
    }

    private record Result(HistoricalCase join, List<JobRun> jobs, Optional<Timings> duckDb, String check) {
        String row() {
            List<JobRun> timed = jobs.stream().filter(JobRun::succeeded).filter(job -> !job.label().equals("warm-up")).toList();
            if (timed.isEmpty()) {
                return "| %s | - | - | - | - | - | %d | %d | - | %s |".formatted(join.name(), maxOf(jobs, JobRun::heapBytes) >> 20,
                        maxOf(jobs, JobRun::peakResidentBytes) >> 20, check);
            }
            Timings service = new Timings(join.name(), timed.stream().map(JobRun::nanos).toList());
            Timings runMillis = new Timings("run_ms", timed.stream().map(job -> job.job().path("timings").path("run_ms").asLong() * 1_000_000).toList());
            JsonNode counts = timed.get(timed.size() - 1).job().path("counts");
            return String.format(Locale.ROOT, "| %s | %.0f (%.0f-%.0f) | %.0f | %s | %s | %,.0f | %d | %d | %,d / %,d / %,d | %s |", join.name(), service.medianMillis(),
                    service.minMillis(), service.maxMillis(), runMillis.medianMillis(), duckDb.map(timings -> "%.0f".formatted(timings.medianMillis())).orElse("-"),
                    duckDb.map(timings -> String.format(Locale.ROOT, "%.2f", service.medianMillis() / timings.medianMillis())).orElse("-"),
                    join.entityRows() / (service.medianMillis() / 1000), maxOf(timed, JobRun::heapBytes) >> 20, maxOf(timed, JobRun::peakResidentBytes) >> 20,
                    counts.path("entity_rows").asLong(), counts.path("feature_rows_read").asLong(), counts.path("rows_written").asLong(), check);
        }

        private static long maxOf(List<JobRun> jobs, java.util.function.ToLongFunction<JobRun> value) {
            return jobs.stream().mapToLong(value).max().orElse(0);
        }
    }

    /**
     * Options, with their defaults: {@code --cases=1m,10m,3views,feast3003} (and {@code scale}), {@code --runs=2},
     * {@code --data=bench/target/historical-data}, {@code --service-jvm="-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"},
     * {@code --job-timeout-minutes=20}, {@code --service-settings=} (none; {@code name=value,...}: properties of historical-service, off
     * the defaults, for experiments); the scale case: {@code --scale-rows=100000000 --scale-entities=10000000
     * --scale-entity-rows=10000000 --scale-files=80 --scale-ttl=7d --scale-compare=false --scale-timeout-minutes=180
     * --scale-data=bench/target/historical-scale-data}.
     */
    private record Options(List<String> cases, int runs, Path data, String serviceJvm, Map<String, String> serviceSettings,
            long jobTimeoutMinutes, long scaleRows, long scaleEntities, long scaleEntityRows, int scaleFiles, Duration scaleTtl, boolean scaleCompare,
            long scaleTimeoutMinutes, Path scaleData) {
        static Options parse(String[] args) {
            Map<String, String> values = BenchSupport.options(args, "cases=1m,10m,3views,feast3003", "runs=2", "data=bench/target/historical-data",
                    "service-jvm=" + DEV_STACK_JVM, "service-settings=", "job-timeout-minutes=20", "scale-rows=100000000",
                    "scale-entities=10000000", "scale-entity-rows=", "scale-files=80", "scale-ttl=7d", "scale-compare=false", "scale-timeout-minutes=180",
                    "scale-data=bench/target/historical-scale-data");
            long entities = Long.parseLong(values.get("scale-entities"));
            String entityRows = values.get("scale-entity-rows");
            return new Options(List.of(values.get("cases").split(",")), Integer.parseInt(values.get("runs")), Path.of(values.get("data")),
                    values.get("service-jvm"), settings(values.get("service-settings")),
                    Long.parseLong(values.get("job-timeout-minutes")), Long.parseLong(values.get("scale-rows")), entities,
                    entityRows.isEmpty() ? entities : Long.parseLong(entityRows), Integer.parseInt(values.get("scale-files")),
                    FeatureDuration.parse(values.get("scale-ttl")).duration(), Boolean.parseBoolean(values.get("scale-compare")),
                    Long.parseLong(values.get("scale-timeout-minutes")), Path.of(values.get("scale-data")));
        }

        private static Map<String, String> settings(String text) {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String setting : text.split(",")) {
                if (!setting.isBlank()) {
                    String[] parts = setting.split("=", 2);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("--service-settings: '%s' is not name=value".formatted(setting));
                    }
                    settings.put(parts[0].trim(), parts[1].trim());
                }
            }
            return settings;
        }
    }
}
