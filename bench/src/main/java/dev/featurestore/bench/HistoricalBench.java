package dev.featurestore.bench;

import static dev.featurestore.bench.BenchSupport.loadAverage;

import dev.featurestore.offlineengine.Export;
import dev.featurestore.offlineengine.ExportResult;
import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlineengine.Retrieval;
import dev.featurestore.offlineengine.RetrievalStatistics;
import dev.featurestore.offlineengine.duckdb.DuckDbOfflineEngine;
import dev.featurestore.offlineengine.duckdb.DuckDbSettings;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.S3ObjectStore;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The offline engine's benchmark: point-in-time retrieval through the engine (as historical-service runs it: sources
 * listed and checked through the object store, staged, joined, zipped with the entity rows and written as Parquet)
 * against DuckDB alone on the same local files with the same join and created-timestamp tie-break (join +
 * ROW_NUMBER), in the same JVM, with the same number of threads. See bench/README.md for the figures.
 *
 * <pre>
 * java -Xmx2g -cp "bench/target/bench.jar:bench/target/lib/*" dev.featurestore.bench.HistoricalBench
 * </pre>
 *
 * Options: {@code --cases=1m,10m,3views,feast3003,small-memory,s3 --runs=3 --threads=2 --batch-size=8192 --memory-limit-mb=512
 * --small-memory-mb=256 --small-memory-case=10m --s3-case=10m --data=bench/target/historical-data} (the memory limit and batch size
 * are the services' defaults).
 */
public final class HistoricalBench {
    private static final Logger LOG = LoggerFactory.getLogger(HistoricalBench.class);

    private final Options options;
    private final HistoricalData data;
    private final Path work;
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
            if (options.cases().contains("small-memory")) {
                runSmallMemory(named(cases, options.smallMemoryCase()), statement);
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
        Path engineOutput = work.resolve("engine-%s.parquet".formatted(join.name()));
        Path duckDbOutput = work.resolve("duckdb-%s.parquet".formatted(join.name()));
        try (OfflineEngine engine = engine(store, options.memoryLimitMegabytes())) {
            LOG.info("case {}: warm-up", join.name());
            runEngine(join, engine, StorageUri::of, StorageUri.of(join.entities()), store, StorageUri.of(engineOutput));
            duckDbCopy(join, duckDb, duckDbOutput);
            List<EngineRun> full = new ArrayList<>();
            List<EngineRun> joinOnly = new ArrayList<>();
            List<Long> copy = new ArrayList<>();
            List<Long> table = new ArrayList<>();
            for (int run = 0; run < options.runs(); run++) {
                LOG.info("case {}: run {} of {}", join.name(), run + 1, options.runs());
                full.add(runEngine(join, engine, StorageUri::of, StorageUri.of(join.entities()), store, StorageUri.of(engineOutput)));
                joinOnly.add(runEngine(join, engine, StorageUri::of, StorageUri.of(join.entities()), null, null));
                copy.add(duckDbCopy(join, duckDb, duckDbOutput));
                table.add(duckDbTable(join, duckDb));
            }
            String agreement = compare(join, duckDb, engineOutput, duckDbOutput);
            duckDbOutputs.put(join.name(), duckDbOutput);
            double copyMillis = new Timings("copy", copy).medianMillis();
            double tableMillis = new Timings("table", table).medianMillis();
            duckDbCopyMillis.put(join.name(), copyMillis);
            duckDbTableMillis.put(join.name(), tableMillis);
            results.add(Result.of("%s: engine -> Parquet file vs DuckDB COPY TO Parquet".formatted(join.name()), join, full, copyMillis, agreement));
            results.add(Result.of("%s: engine, counting sink vs DuckDB CREATE TEMP TABLE".formatted(join.name()), join, joinOnly, tableMillis, agreement));
        }
    }

    /** A case with a small DuckDB memory limit for the engine; compared with DuckDB's figures at its own default. */
    private void runSmallMemory(HistoricalCase join, Statement duckDb) throws SQLException {
        LocalObjectStore store = new LocalObjectStore();
        Path engineOutput = work.resolve("engine-small-%s.parquet".formatted(join.name()));
        try (OfflineEngine engine = engine(store, options.smallMemoryMegabytes())) {
            LOG.info("case {} at a {} MB memory limit: warm-up", join.name(), options.smallMemoryMegabytes());
            runEngine(join, engine, StorageUri::of, StorageUri.of(join.entities()), store, StorageUri.of(engineOutput));
            List<EngineRun> full = new ArrayList<>();
            List<EngineRun> joinOnly = new ArrayList<>();
            for (int run = 0; run < options.runs(); run++) {
                LOG.info("case {} small memory: run {} of {}", join.name(), run + 1, options.runs());
                full.add(runEngine(join, engine, StorageUri::of, StorageUri.of(join.entities()), store, StorageUri.of(engineOutput)));
                joinOnly.add(runEngine(join, engine, StorageUri::of, StorageUri.of(join.entities()), null, null));
            }
            Path duckDbOutput = duckDbOutputFor(join, duckDb);
            String agreement = compare(join, duckDb, engineOutput, duckDbOutput);
            String label = "%s, engine memory limit %d MB".formatted(join.name(), options.smallMemoryMegabytes());
            results.add(Result.of(label + ": engine -> Parquet file vs DuckDB COPY", join, full, duckDbCopyMillis.get(join.name()), agreement));
            results.add(Result.of(label + ": engine, counting sink vs DuckDB TEMP TABLE", join, joinOnly, duckDbTableMillis.get(join.name()), agreement));
        }
    }

    private OfflineEngine engine(ObjectStore store, long memoryLimitMegabytes) {
        return new DuckDbOfflineEngine(store, new DuckDbSettings(memoryLimitMegabytes << 20, options.threads(), work.resolve("engine"), options.batchSize(),
                4));
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
        StorageUri output = StorageUri.s3(BenchS3Server.BUCKET, "out/engine-%s.parquet".formatted(join.name()));
        List<EngineRun> full = new ArrayList<>();
        List<EngineRun> joinOnly = new ArrayList<>();
        try (OfflineEngine engine = engine(store, options.memoryLimitMegabytes())) {
            LOG.info("case {} from S3: warm-up", join.name());
            runEngine(join, engine, location, entities, store, output);
            for (int run = 0; run < options.runs(); run++) {
                LOG.info("case {} from S3: run {} of {}", join.name(), run + 1, options.runs());
                full.add(runEngine(join, engine, location, entities, store, output));
                joinOnly.add(runEngine(join, engine, location, entities, null, null));
            }
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
     * One engine run, timed from the call to the committed output: the engine lists, checks and stages the sources
     * and the entity rows through {@code store}, and every output row is written to a Parquet object ({@code output},
     * by the engine's export) or only counted (output null). Heap peak from a reset (after a full GC) before it.
     */
    private EngineRun runEngine(HistoricalCase join, OfflineEngine engine, Function<Path, StorageUri> location, StorageUri entities,
            ObjectStore outputStore, StorageUri output) {
        heap.reset();
        long started = System.nanoTime();
        PhaseRecorder phases = new PhaseRecorder();
        RowSchema schema = join.outputSchema();
        long[] rows = {0};
        RetrievalStatistics statistics;
        StorageUri part = null;
        if (output == null) {
            statistics = engine.retrieve(join.retrieval(location, entities), batch -> rows[0] += batch.size(), phases);
        } else {
            // As historical-service without on-demand features: the engine writes the part file itself.
            Retrieval retrieval = join.retrieval(location, entities);
            // The case's own column names (as DuckDB's side has them) for the engine's, in the same order.
            List<String> from = retrieval.outputSchema().names();
            List<Export.ExportColumn> columns = new ArrayList<>();
            for (int index = 0; index < from.size(); index++) {
                columns.add(new Export.ExportColumn(schema.column(index).name(), from.get(index)));
            }
            ExportResult exported = engine.export(retrieval, new Export(columns, new StorageUri(output.scheme(), output.bucket(), output.key() + ".parts/"),
                    Long.MAX_VALUE), phases);
            statistics = exported.statistics();
            rows[0] = statistics.entityRows();
            part = exported.parts().get(0);
        }
        long ended = System.nanoTime();
        if (rows[0] != join.entityRows()) {
            throw new IllegalStateException("case %s: the engine gave %d rows for %d entity rows".formatted(join.name(), rows[0], join.entityRows()));
        }
        if (part != null) {
            // Untimed: the one part file where the comparison reads the engine's output.
            outputStore.put(output, readWhole(outputStore, part));
            outputStore.delete(part);
        }
        EngineRun run = new EngineRun(ended - started, heap.peakBytes(), heap.peakAfterCollectionBytes(), statistics, phases.profile(ended));
        LOG.info("engine {} ({}): {} ms, peak heap {} MB (after GC {} MB); {}", join.name(), output == null ? "counting sink" : output,
                run.nanos() / 1_000_000, run.peakHeapBytes() / (1024 * 1024), run.peakAfterCollectionBytes() / (1024 * 1024), run.profile());
        return run;
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
        out.append("\nHistoricalBench, %d measured runs each (medians), engine duckdb: threads %d, batch size %d, memory limit %d MB (small-memory case %d MB)\n"
                .formatted(options.runs(), options.threads(), options.batchSize(), options.memoryLimitMegabytes(), options.smallMemoryMegabytes()));
        out.append("JVM: %s %s, flags %s, max heap %d MB; process peak resident memory (heap and DuckDB) %d MB; cores %d; load average %s before, %s after\n".formatted(System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), ManagementFactory.getRuntimeMXBean().getInputArguments(), HeapPeak.maxHeapBytes() / (1024 * 1024),
                BenchSupport.peakResidentBytes() / (1024 * 1024), Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter));
        out.append("data: %s\n\n".formatted(sizes()));
        out.append("| case | engine ms (median, min-max) | DuckDB ms | engine / DuckDB | entity rows/s (engine) | peak heap MB: pools' peak (max) | peak heap MB after GC (max) | result check |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            out.append("| %s | %.0f (%.0f-%.0f) | %.0f | %.2f | %,.0f | %d (%d) | %d (%d) | %s |\n".formatted(result.label(), result.engine().medianMillis(),
                    result.engine().minMillis(), result.engine().maxMillis(), result.duckDbMillis(), result.engine().medianMillis() / result.duckDbMillis(),
                    result.entityRows() / (result.engine().medianMillis() / 1000), result.medianPeakHeapMegabytes(), result.maxPeakHeapMegabytes(),
                    result.medianPeakAfterCollectionMegabytes(), result.maxPeakAfterCollectionMegabytes(), result.agreement()));
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

    private record EngineRun(long nanos, long peakHeapBytes, long peakAfterCollectionBytes, RetrievalStatistics statistics, String profile) {
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

        String medianProfile() {
            return medianRun().profile();
        }

        String statistics() {
            RetrievalStatistics statistics = medianRun().statistics();
            return statistics.views().stream().map(view -> "%s: %,d source rows read in %d objects, %,d matched".formatted(view.view(),
                    view.sourceRowsRead(), view.sourceObjects(), view.matched())).reduce((left, right) -> left + "; " + right).orElse("");
        }
    }

    private record Options(List<String> cases, int runs, int threads, int batchSize, long memoryLimitMegabytes, long smallMemoryMegabytes,
            String smallMemoryCase, String s3Case, Path data) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("cases", "1m,10m,3views,feast3003,small-memory,s3");
            values.put("runs", "3");
            values.put("threads", "2");
            values.put("batch-size", "8192");
            values.put("memory-limit-mb", "512");
            values.put("small-memory-mb", "256");
            values.put("small-memory-case", "10m");
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
                    Integer.parseInt(values.get("batch-size")), Long.parseLong(values.get("memory-limit-mb")), Long.parseLong(values.get("small-memory-mb")),
                    values.get("small-memory-case"), values.get("s3-case"), Path.of(values.get("data")));
        }
    }
}
