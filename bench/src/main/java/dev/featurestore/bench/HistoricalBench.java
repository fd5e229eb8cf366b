package dev.featurestore.bench;

import static dev.featurestore.bench.BenchSupport.loadAverage;

import dev.featurestore.historical.domain.join.JoinOptions;
import dev.featurestore.historical.domain.join.JoinPlan;
import dev.featurestore.historical.domain.join.JoinStatistics;
import dev.featurestore.historical.domain.join.OutputSink;
import dev.featurestore.historical.domain.join.ParquetEntityInput;
import dev.featurestore.historical.domain.join.PointInTimeEngine;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The historical-service benchmark (issue "Performance"): the point-in-time engine against DuckDB's join with the
 * created-timestamp tie-break (join + ROW_NUMBER), on the same Parquet files, in the same JVM, with the same
 * number of threads. See bench/README.md for what each side does and the figures.
 *
 * <pre>
 * java -Xmx2g -cp "bench/target/bench.jar:bench/target/lib/*" dev.featurestore.bench.HistoricalBench
 * </pre>
 *
 * Options: {@code --cases=1m,10m,3views,feast3003,spill,s3 --runs=3 --threads=2 --batch-size=8192 --budget-mb=1536
 * --spill-budget-mb=256 --spill-case=10m --s3-case=10m --data=bench/target/historical-data}.
 */
public final class HistoricalBench {
    private static final Logger LOG = LoggerFactory.getLogger(HistoricalBench.class);
    private static final ParquetWriteOptions OUTPUT_OPTIONS = ParquetWriteOptions.DEFAULTS;

    private final Options options;
    private final HistoricalData data;
    private final Path work;
    private final ExecutorService executor;
    private final HeapPeak heap = new HeapPeak();
    private final List<Result> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Path> duckDbOutputs = new LinkedHashMap<>();
    private final Map<String, Double> duckDbCopyMillis = new LinkedHashMap<>();
    private final Map<String, Double> duckDbTableMillis = new LinkedHashMap<>();
    private boolean failed;

    private HistoricalBench(Options options) {
        this.options = options;
        this.data = new HistoricalData(options.data());
        this.work = options.data().toAbsolutePath().getParent().resolve("historical-work");
        this.executor = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "join-executor");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static void main(String[] args) {
        BenchSupport.runAndExit("Historical bench", () -> new HistoricalBench(Options.parse(args)).run());
    }

    private boolean run() throws Exception {
        String loadBefore = loadAverage();
        double generated = data.ensureGenerated();
        LOG.info("data in {} ({}): {}", data.directory(), generated == 0 ? "cached" : "generated in %.0f s".formatted(generated), sizes());
        Files.createDirectories(work);
        List<HistoricalCase> cases = HistoricalCase.all(data);
        try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckDb.createStatement()) {
            statement.execute("SET threads = %d".formatted(options.threads()));
            statement.execute("SET TimeZone = 'UTC'");
            for (HistoricalCase join : cases) {
                if (options.cases().contains(join.name())) {
                    runLocal(join, statement);
                }
            }
            if (options.cases().contains("spill")) {
                runSpilled(named(cases, options.spillCase()), statement);
            }
            if (options.cases().contains("s3")) {
                runS3(named(cases, options.s3Case()), statement);
            }
        }
        printReport(loadBefore, loadAverage());
        return !failed;
    }

    private static HistoricalCase named(List<HistoricalCase> cases, String name) {
        return cases.stream().filter(join -> join.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case '%s'".formatted(name)));
    }

    // --- local files: engine (Parquet output and counting sink) and DuckDB (COPY to Parquet and temp table)

    private void runLocal(HistoricalCase join, Statement duckDb) throws SQLException {
        LocalObjectStore store = new LocalObjectStore();
        ParquetScanner scanner = new ParquetScanner(store);
        Path engineOutput = work.resolve("engine-%s.parquet".formatted(join.name()));
        Path duckDbOutput = work.resolve("duckdb-%s.parquet".formatted(join.name()));
        long budget = options.budgetMegabytes() * 1024L * 1024;
        LOG.info("case {}: warm-up", join.name());
        runEngine(join, scanner, StorageUri::of, StorageUri.of(join.entities()), budget, store, StorageUri.of(engineOutput));
        duckDbCopy(join, duckDb, duckDbOutput);
        List<EngineRun> full = new ArrayList<>();
        List<EngineRun> joinOnly = new ArrayList<>();
        List<Long> copy = new ArrayList<>();
        List<Long> table = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            LOG.info("case {}: run {} of {}", join.name(), run + 1, options.runs());
            full.add(runEngine(join, scanner, StorageUri::of, StorageUri.of(join.entities()), budget, store, StorageUri.of(engineOutput)));
            joinOnly.add(runEngine(join, scanner, StorageUri::of, StorageUri.of(join.entities()), budget, null, null));
            copy.add(duckDbCopy(join, duckDb, duckDbOutput));
            table.add(duckDbTable(join, duckDb));
        }
        String agreement = compare(join, duckDb, engineOutput, duckDbOutput);
        notes.add(scanProfile(join, scanner));
        duckDbOutputs.put(join.name(), duckDbOutput);
        double copyMillis = new Timings("copy", copy).medianMillis();
        double tableMillis = new Timings("table", table).medianMillis();
        duckDbCopyMillis.put(join.name(), copyMillis);
        duckDbTableMillis.put(join.name(), tableMillis);
        results.add(Result.of("%s: engine -> Parquet file vs DuckDB COPY TO Parquet".formatted(join.name()), join, full, copyMillis, agreement));
        results.add(Result.of("%s: engine, counting sink vs DuckDB CREATE TEMP TABLE".formatted(join.name()), join, joinOnly, tableMillis, agreement));
    }

    /** The 10M case with a small memory budget: the engine spills; compared with DuckDB's in-memory figures. */
    private void runSpilled(HistoricalCase join, Statement duckDb) throws SQLException {
        LocalObjectStore store = new LocalObjectStore();
        ParquetScanner scanner = new ParquetScanner(store);
        Path engineOutput = work.resolve("engine-spill-%s.parquet".formatted(join.name()));
        long budget = options.spillBudgetMegabytes() * 1024L * 1024;
        LOG.info("case {} spilled ({} MB budget): warm-up", join.name(), options.spillBudgetMegabytes());
        runEngine(join, scanner, StorageUri::of, StorageUri.of(join.entities()), budget, store, StorageUri.of(engineOutput));
        List<EngineRun> full = new ArrayList<>();
        List<EngineRun> joinOnly = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            LOG.info("case {} spilled: run {} of {}", join.name(), run + 1, options.runs());
            full.add(runEngine(join, scanner, StorageUri::of, StorageUri.of(join.entities()), budget, store, StorageUri.of(engineOutput)));
            joinOnly.add(runEngine(join, scanner, StorageUri::of, StorageUri.of(join.entities()), budget, null, null));
        }
        Path duckDbOutput = duckDbOutputFor(join, duckDb);
        String agreement = compare(join, duckDb, engineOutput, duckDbOutput);
        String label = "%s spilled (budget %d MB)".formatted(join.name(), options.spillBudgetMegabytes());
        results.add(Result.of(label + ": engine -> Parquet file vs DuckDB COPY", join, full, duckDbCopyMillis.get(join.name()), agreement));
        results.add(Result.of(label + ": engine, counting sink vs DuckDB TEMP TABLE", join, joinOnly, duckDbTableMillis.get(join.name()), agreement));
    }

    // --- S3: entity rows and sources in the S3 API server (own JVM), result written back to it

    private void runS3(HistoricalCase join, Statement duckDb) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path s3Directory = work.getParent().resolve("historical-s3");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(java.toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"), BenchS3Server.class.getName(),
                s3Directory.toString(), String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        try {
            // Not closed here: closing waits for the drain thread's read; the server's exit ends both.
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            awaitReady(lines);
            Thread drain = new Thread(() -> lines.lines().forEach(line -> { }), "s3-server-output");
            drain.setDaemon(true);
            drain.start();
            try (S3Client client = S3Client.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:%d".formatted(port)))
                    .region(Region.of(BenchS3Server.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(BenchS3Server.ACCESS_KEY, BenchS3Server.SECRET_KEY)))
                    .forcePathStyle(true)
                    .build();
                    S3ObjectStore store = new S3ObjectStore(client)) {
                runS3Case(join, duckDb, store);
            }
        } finally {
            server.getOutputStream().close();
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void runS3Case(HistoricalCase join, Statement duckDb, S3ObjectStore store) throws Exception {
        Function<Path, StorageUri> location = path -> StorageUri.s3(BenchS3Server.BUCKET, "data/" + data.directory().relativize(path) + "/");
        StorageUri entities = StorageUri.s3(BenchS3Server.BUCKET, "data/" + data.directory().relativize(join.entities()));
        long uploaded = upload(store, join.entities(), entities);
        for (HistoricalCase.View view : join.views()) {
            try (Stream<Path> files = Files.list(view.source())) {
                for (Path file : files.filter(file -> file.toString().endsWith(".parquet")).sorted().toList()) {
                    uploaded += upload(store, file, location.apply(view.source()).resolve(file.getFileName().toString()));
                }
            }
        }
        notes.add("S3: %d MB uploaded to the S3 API server before the timings (0: the objects were there from an earlier run)".formatted(uploaded / (1024 * 1024)));
        ParquetScanner scanner = new ParquetScanner(store);
        StorageUri output = StorageUri.s3(BenchS3Server.BUCKET, "out/engine-%s.parquet".formatted(join.name()));
        long budget = options.budgetMegabytes() * 1024L * 1024;
        LOG.info("case {} from S3: warm-up", join.name());
        runEngine(join, scanner, location, entities, budget, store, output);
        List<EngineRun> full = new ArrayList<>();
        List<EngineRun> joinOnly = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            LOG.info("case {} from S3: run {} of {}", join.name(), run + 1, options.runs());
            full.add(runEngine(join, scanner, location, entities, budget, store, output));
            joinOnly.add(runEngine(join, scanner, location, entities, budget, null, null));
        }
        Path downloaded = work.resolve("engine-s3-%s.parquet".formatted(join.name()));
        Files.write(downloaded, readWhole(store, output));
        String agreement = compare(join, duckDb, downloaded, duckDbOutputFor(join, duckDb));
        results.add(Result.of("%s via S3 API: engine S3 -> S3 Parquet vs DuckDB COPY (local files)".formatted(join.name()), join, full,
                duckDbCopyMillis.get(join.name()), agreement));
        results.add(Result.of("%s via S3 API: engine S3, counting sink vs DuckDB TEMP TABLE (local)".formatted(join.name()), join, joinOnly,
                duckDbTableMillis.get(join.name()), agreement));
    }

    private static long upload(ObjectStore store, Path file, StorageUri uri) throws IOException {
        long size = Files.size(file);
        if (!store.list(uri).isEmpty() && store.size(uri) == size) {
            return 0;
        }
        store.put(uri, Files.readAllBytes(file));
        return size;
    }

    private static byte[] readWhole(ObjectStore store, StorageUri uri) {
        long size = store.size(uri);
        return store.read(uri, 0, Math.toIntExact(size));
    }

    private static void awaitReady(BufferedReader lines) throws IOException {
        List<String> seen = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.equals("READY")) {
                return;
            }
            seen.add(line);
        }
        throw new IllegalStateException("the S3 API server exited before it was ready: " + String.join("\n", seen));
    }

    // --- the two sides

    /**
     * One engine run, timed from the plan to the committed output: reads the entity rows and sources through
     * {@code scanner}, writes every output row to a Parquet object ({@code output}) or only counts rows (output
     * null). Heap peak from a reset (after a full GC) before it.
     */
    private EngineRun runEngine(HistoricalCase join, ParquetScanner scanner, Function<Path, StorageUri> location, StorageUri entities, long budget,
            ObjectStore outputStore, StorageUri output) {
        heap.reset();
        long started = System.nanoTime();
        PhaseRecorder phases = new PhaseRecorder();
        JoinPlan plan = join.plan(location);
        ParquetEntityInput input = new ParquetEntityInput(scanner, entities, join.entitySchema(), options.batchSize());
        JoinOptions joinOptions = new JoinOptions(budget, options.batchSize(), work.resolve("spill"), executor);
        long[] rows = {0};
        JoinStatistics statistics;
        if (output == null) {
            OutputSink counting = batch -> rows[0] += batch.size();
            statistics = new PointInTimeEngine(scanner).run(plan, input, join.entityRows(), joinOptions, counting, phases);
        } else {
            try (ParquetRowWriter writer = ParquetRowWriter.create(outputStore, output, plan.outputSchema(), OUTPUT_OPTIONS.withEncoding(executor, options.threads()))) {
                // As historical-service's OutputParts: whole batches, column by column.
                OutputSink writing = batch -> {
                    writer.write(batch);
                    rows[0] += batch.size();
                };
                statistics = new PointInTimeEngine(scanner).run(plan, input, join.entityRows(), joinOptions, writing, phases);
                writer.commit();
            }
        }
        long ended = System.nanoTime();
        if (rows[0] != join.entityRows()) {
            throw new IllegalStateException("case %s: the engine gave %d rows for %d entity rows".formatted(join.name(), rows[0], join.entityRows()));
        }
        EngineRun run = new EngineRun(ended - started, heap.peakBytes(), heap.peakAfterCollectionBytes(), statistics, phases.profile(ended));
        LOG.info("engine {} ({}): {} ms, peak heap {} MB (after GC {} MB), spilled {}; {}", join.name(), output == null ? "counting sink" : output,
                run.nanos() / 1_000_000, run.peakHeapBytes() / (1024 * 1024), run.peakAfterCollectionBytes() / (1024 * 1024), statistics.spilled(), run.profile());
        return run;
    }

    /**
     * Where the engine's time goes: the Parquet scans alone (same columns, batch size and executor as the engine's,
     * a counting sink), once the entity rows and once each view's sources, best of two.
     */
    private String scanProfile(HistoricalCase join, ParquetScanner scanner) {
        List<String> parts = new ArrayList<>();
        long entities = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 2; attempt++) {
            long started = System.nanoTime();
            new ParquetEntityInput(scanner, StorageUri.of(join.entities()), join.entitySchema(), options.batchSize()).read(batch -> { });
            entities = Math.min(entities, System.nanoTime() - started);
        }
        parts.add("entity rows %d ms".formatted(entities / 1_000_000));
        JoinPlan plan = join.plan(StorageUri::of);
        for (var view : plan.views()) {
            long best = Long.MAX_VALUE;
            AtomicLong rows = new AtomicLong();
            for (int attempt = 0; attempt < 2; attempt++) {
                rows.set(0);
                long started = System.nanoTime();
                scanner.scanBatches(ScanRequest.of(view.source()).withColumns(view.sourceColumns().toArray(String[]::new)), options.batchSize(), executor,
                        object -> batch -> rows.addAndGet(batch.size()));
                best = Math.min(best, System.nanoTime() - started);
            }
            parts.add("%s %,d rows x %d columns %d ms".formatted(view.view(), rows.get(), view.sourceColumns().size(), best / 1_000_000));
        }
        String profile = "%s: Parquet scans alone (ParquetScanner.scanBatches, counting sink, %d threads): %s".formatted(join.name(), options.threads(),
                String.join(", ", parts));
        LOG.info(profile);
        return profile;
    }

    /** DuckDB writes the join's result (every column, as the engine's) to a Parquet file. */
    private long duckDbCopy(HistoricalCase join, Statement duckDb, Path output) throws SQLException {
        long started = System.nanoTime();
        duckDb.execute("COPY (%s) TO '%s' (FORMAT parquet)".formatted(join.duckDbQuery(), output));
        long nanos = System.nanoTime() - started;
        LOG.info("duckdb {} COPY: {} ms", join.name(), nanos / 1_000_000);
        return nanos;
    }

    /** DuckDB materializes the join's result in a temporary table (in memory), dropped after the timing. */
    private long duckDbTable(HistoricalCase join, Statement duckDb) throws SQLException {
        long started = System.nanoTime();
        duckDb.execute("CREATE OR REPLACE TEMP TABLE bench_result AS " + join.duckDbQuery());
        long nanos = System.nanoTime() - started;
        duckDb.execute("DROP TABLE bench_result");
        LOG.info("duckdb {} TEMP TABLE: {} ms", join.name(), nanos / 1_000_000);
        return nanos;
    }

    private Path duckDbOutputFor(HistoricalCase join, Statement duckDb) throws SQLException {
        Path existing = duckDbOutputs.get(join.name());
        if (existing != null) {
            return existing;
        }
        Path output = work.resolve("duckdb-%s.parquet".formatted(join.name()));
        duckDbCopy(join, duckDb, output); // warm-up
        duckDbCopyMillis.put(join.name(), duckDbCopy(join, duckDb, output) / 1e6);
        duckDbTableMillis.put(join.name(), duckDbTable(join, duckDb) / 1e6);
        duckDbOutputs.put(join.name(), output);
        return output;
    }

    /** Every row of the engine's output against DuckDB's; a difference fails the bench. */
    private String compare(HistoricalCase join, Statement duckDb, Path engineOutput, Path duckDbOutput) throws SQLException {
        try (ResultSet result = duckDb.executeQuery(join.duckDbComparison(engineOutput, duckDbOutput))) {
            result.next();
            long total = result.getLong(1);
            long differing = result.getLong(2);
            List<String> matched = new ArrayList<>();
            for (int view = 0; view < join.views().size(); view++) {
                matched.add("%.0f%%".formatted(100.0 * result.getLong(3 + view) / total));
            }
            String summary = total == join.entityRows() && differing == 0
                    ? "all %d rows equal (matched: %s)".formatted(total, String.join("/", matched))
                    : "**DIFFERS**: %d of %d rows".formatted(differing, total);
            if (total != join.entityRows() || differing != 0) {
                failed = true;
                LOG.error("case {}: engine output {} differs from DuckDB's {}: {}", join.name(), engineOutput, duckDbOutput, summary);
            } else {
                LOG.info("case {}: {}", join.name(), summary);
            }
            return summary;
        }
    }

    // --- report

    private void printReport(String loadBefore, String loadAfter) {
        StringBuilder out = new StringBuilder();
        out.append("\nHistoricalBench, %d measured runs each (medians), threads %d, batch size %d, budget %d MB (spill case %d MB)\n".formatted(
                options.runs(), options.threads(), options.batchSize(), options.budgetMegabytes(), options.spillBudgetMegabytes()));
        out.append("JVM: %s %s, flags %s, max heap %d MB; cores %d; load average %s before, %s after\n".formatted(System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), ManagementFactory.getRuntimeMXBean().getInputArguments(), HeapPeak.maxHeapBytes() / (1024 * 1024),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter));
        out.append("data: %s\n\n".formatted(sizes()));
        out.append("| case | engine ms (median, min-max) | DuckDB ms | engine / DuckDB | entity rows/s (engine) | peak heap MB: pools' peak (max) | peak heap MB after GC (max) | spilled | result check |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            out.append("| %s | %.0f (%.0f-%.0f) | %.0f | %.2f | %,.0f | %d (%d) | %d (%d) | %s | %s |\n".formatted(result.label(), result.engine().medianMillis(),
                    result.engine().minMillis(), result.engine().maxMillis(), result.duckDbMillis(), result.engine().medianMillis() / result.duckDbMillis(),
                    result.entityRows() / (result.engine().medianMillis() / 1000), result.medianPeakHeapMegabytes(), result.maxPeakHeapMegabytes(),
                    result.medianPeakAfterCollectionMegabytes(), result.maxPeakAfterCollectionMegabytes(),
                    result.spilled(), result.agreement()));
        }
        out.append("\nProfile by phase (the run with the median time):\n");
        for (Result result : results) {
            out.append("- %s: %s; %s\n".formatted(result.label(), result.medianProfile(), result.statistics()));
        }
        notes.forEach(note -> out.append("- ").append(note).append('\n'));
        System.out.println(out);
    }

    private String sizes() {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("entities", "driver_1m", "driver_10m", "customer", "zone", "feast")) {
            parts.add("%s %d MB".formatted(name, data.bytes(data.directory().resolve(name)) / (1024 * 1024)));
        }
        return String.join(", ", parts);
    }

    private record EngineRun(long nanos, long peakHeapBytes, long peakAfterCollectionBytes, JoinStatistics statistics, String profile) {
    }

    private record Result(String label, long entityRows, Timings engine, List<EngineRun> runs, double duckDbMillis, String agreement) {
        static Result of(String label, HistoricalCase join, List<EngineRun> runs, double duckDbMillis, String agreement) {
            return new Result(label, join.entityRows(), new Timings(label, runs.stream().map(EngineRun::nanos).toList()), List.copyOf(runs),
                    duckDbMillis, agreement);
        }

        private EngineRun medianRun() {
            List<EngineRun> sorted = runs.stream().sorted((left, right) -> Long.compare(left.nanos(), right.nanos())).toList();
            return sorted.get((sorted.size() - 1) / 2);
        }

        long medianPeakHeapMegabytes() {
            long[] peaks = runs.stream().mapToLong(EngineRun::peakHeapBytes).sorted().toArray();
            return peaks[(peaks.length - 1) / 2] / (1024 * 1024);
        }

        long maxPeakHeapMegabytes() {
            return runs.stream().mapToLong(EngineRun::peakHeapBytes).max().orElse(0) / (1024 * 1024);
        }

        long medianPeakAfterCollectionMegabytes() {
            long[] peaks = runs.stream().mapToLong(EngineRun::peakAfterCollectionBytes).sorted().toArray();
            return peaks[(peaks.length - 1) / 2] / (1024 * 1024);
        }

        long maxPeakAfterCollectionMegabytes() {
            return runs.stream().mapToLong(EngineRun::peakAfterCollectionBytes).max().orElse(0) / (1024 * 1024);
        }

        boolean spilled() {
            return runs.stream().anyMatch(run -> run.statistics().spilled());
        }

        String medianProfile() {
            return medianRun().profile();
        }

        String statistics() {
            JoinStatistics statistics = medianRun().statistics();
            return statistics.views().stream().map(view -> "%s: %,d source rows read, %,d matched, %d partition(s)".formatted(view.view(),
                    view.sourceRowsRead(), view.rowsMatched(), view.partitions())).reduce((left, right) -> left + "; " + right).orElse("");
        }
    }

    private record Options(List<String> cases, int runs, int threads, int batchSize, long budgetMegabytes, long spillBudgetMegabytes, String spillCase,
            String s3Case, Path data) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("cases", "1m,10m,3views,feast3003,spill,s3");
            values.put("runs", "3");
            values.put("threads", "2");
            values.put("batch-size", "8192");
            values.put("budget-mb", "1536");
            values.put("spill-budget-mb", "256");
            values.put("spill-case", "10m");
            values.put("s3-case", "10m");
            values.put("data", "bench/target/historical-data");
            for (String arg : args) {
                String[] parts = arg.replaceFirst("^--", "").split("=", 2);
                if (parts.length != 2 || !values.containsKey(parts[0])) {
                    throw new IllegalArgumentException("Unknown option '%s'; known: --%s".formatted(arg, String.join(" --", values.keySet())));
                }
                values.put(parts[0], parts[1]);
            }
            return new Options(List.of(values.get("cases").split(",")), Integer.parseInt(values.get("runs")), Integer.parseInt(values.get("threads")),
                    Integer.parseInt(values.get("batch-size")), Long.parseLong(values.get("budget-mb")), Long.parseLong(values.get("spill-budget-mb")),
                    values.get("spill-case"), values.get("s3-case"), Path.of(values.get("data")));
        }
    }
}
