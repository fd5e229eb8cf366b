package dev.featurestore.cli;

import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.config.ClientConfig;
import dev.featurestore.cli.config.ConfigOverrides;
import dev.featurestore.cli.config.ConfigResolver;
import dev.featurestore.cli.data.S3Access;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The data commands against the real services, on a project of the test's own whose offline data it wrote, so every
 * expected value is known: materialize and runs (followed to the end), online features, push then read back, training
 * sets from a CSV and a Parquet entity file (point-in-time values, labels kept, rows in order), freshness, and the
 * one-line errors of bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataCommandsIT {
    private static final String PROJECT = "cli_data_" + Long.toString(System.nanoTime() % 1_000_000, 36);
    private static final RowSchema SOURCE = RowSchema.of(column("rider_id", ValueType.INT64), column("event_timestamp", ValueType.UNIX_TIMESTAMP),
            column("rating", ValueType.FLOAT64), column("trips", ValueType.INT64));

    private TestDevStack stack;
    private CliRunner cli;
    private Path repository;
    /** The entity rows' "now": the source rows are 30 to 60 minutes before it. */
    private Instant base;

    @BeforeAll
    void writeDataAndApply() throws IOException {
        stack = TestDevStack.shared();
        Path workingDirectory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "data-it-").toAbsolutePath();
        repository = Files.createDirectories(workingDirectory.resolve("repo"));
        cli = new CliRunner(stack.environment(), repository);
        base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
        String path = "s3://featurestore/cli-it/%s/rider_stats/".formatted(PROJECT);
        ClientConfig config = ConfigResolver.resolve(ConfigOverrides.none(), stack.environment(), repository, repository);
        try (S3Access s3 = S3Access.open(config.offlineStore())) {
            ParquetRowWriter.writeAll(s3, StorageUri.parse(path + "part-00000.parquet"), SOURCE, List.of(
                    Row.of(SOURCE, 1L, base.minus(Duration.ofMinutes(60)), 4.0, 10L),
                    Row.of(SOURCE, 1L, base.minus(Duration.ofMinutes(30)), 4.5, 12L),
                    Row.of(SOURCE, 2L, base.minus(Duration.ofMinutes(45)), 3.0, 5L)), ParquetWriteOptions.DEFAULTS);
        }
        Files.writeString(repository.resolve("featurestore.yaml"), "project: %s%n".formatted(PROJECT));
        Files.writeString(repository.resolve("riders.yaml"), """
                entities:
                  - name: rider
                    join_keys: [{name: rider_id, value_type: INT64}]
                data_sources:
                  - {name: rider_stats_src, type: parquet, path: "%s", timestamp_field: event_timestamp}
                  - {name: rider_push, type: push, batch_source: rider_stats_src}
                feature_views:
                  - name: rider_stats
                    entities: [rider]
                    source: rider_push
                    ttl: 1d
                    freshness_sla: 1h
                    schema:
                      - {name: rating, dtype: FLOAT64}
                      - {name: trips, dtype: INT64}
                feature_services:
                  - name: rider_v1
                    features: [{feature_view: rider_stats}]
                """.formatted(path));
        CliRunner.Result apply = cli.run("apply");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
    }

    @Test
    @Order(1)
    void materializeFollowsTheRunToItsEndAndRunsShowIt() throws IOException {
        CliRunner.Result materialize = cli.run("materialize", base.minus(Duration.ofDays(1)).toString(), "now", "--views", "rider_stats");
        CliRunner.Result listed = cli.run("runs", "--view", "rider_stats", "--output", "json");

        assertThat(materialize.exitCode()).as(materialize.toString()).isZero();
        assertThat(materialize.out()).contains("Queued 1 run of project '%s'".formatted(PROJECT))
                // the apply's own backfill may have written the values first: then they are unchanged
                .containsPattern("rider_stats: succeeded: 3 rows read, \\d entities written");
        String runId = materialize.out().lines().filter(line -> line.endsWith("  rider_stats")).findFirst().orElseThrow().trim().split(" ")[0];
        JsonNode runs = Json.MAPPER.readTree(listed.out()).path("runs");
        assertThat(runs.findValuesAsText("run_id")).contains(runId);
        CliRunner.Result one = cli.run("runs", runId);
        assertThat(one.out()).contains("run %s of %s/rider_stats (manual)".formatted(runId, PROJECT)).contains("  state    succeeded: 3 rows read");
    }

    @Test
    @Order(2)
    void onlineFeaturesAreTheLatestValuesOfEachEntity() throws IOException {
        CliRunner.Result text = cli.run("get-online-features", "--features", "rider_stats:rating,rider_stats:trips", "-e", "rider_id=1,2,3");
        CliRunner.Result json = cli.run("get-online-features", "--feature-service", "rider_v1", "-e", "rider_id=1,3", "--output", "json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out().lines()).containsExactly(
                "rider_id  rating     trips",
                "1         4.5        12",
                "2         3.0        5",
                "3         NOT_FOUND  NOT_FOUND");
        JsonNode response = Json.MAPPER.readTree(json.out());
        assertThat(response.at("/metadata/feature_names").toString()).isEqualTo("[\"rider_id\",\"rating\",\"trips\"]");
        assertThat(response.at("/results/1/values").toString()).isEqualTo("[4.5,null]");
        assertThat(response.at("/results/1/statuses").toString()).isEqualTo("[\"PRESENT\",\"NOT_FOUND\"]");
    }

    @Test
    @Order(3)
    void pushedRowsAreReadBackOnline() throws IOException {
        Path rows = repository.resolve("push.csv");
        Files.writeString(rows, "rider_id,event_timestamp,rating,trips\n2,%s,2.0,6\n".formatted(Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)));

        CliRunner.Result push = cli.run("push", "push.csv", "--source", "rider_push");
        CliRunner.Result read = cli.run("get-online-features", "--features", "rider_stats:rating,rider_stats:trips", "-e", "rider_id=2");
        CliRunner.Result wrongSource = cli.run("push", "push.csv", "--source", "rider_stats_src");

        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(push.out()).contains("Pushed 1 row to rider_push (feature views rider_stats).").contains("online: 1 written, 0 unchanged");
        assertThat(read.out().lines()).containsExactly("rider_id  rating  trips", "2         2.0     6");
        assertThat(wrongSource.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(wrongSource.err()).isEqualTo("error: 'rider_stats_src' is a parquet source, not a push source (push sources: rider_push)%n".formatted());
    }

    @Test
    @Order(4)
    void trainingSetFromACsvEntityFileHasThePointInTimeValuesOfEachRow() throws IOException {
        Files.writeString(repository.resolve("entities.csv"), """
                rider_id,event_timestamp,label
                1,%s,1
                1,%s,0
                2,%s,1
                2,%s,0
                3,%s,1
                """.formatted(at(-50), at(0), at(-50), at(0), at(0)));

        CliRunner.Result csv = cli.run("get-historical-features", "--entities", "entities.csv", "--features", "rider_stats:rating,rider_stats:trips",
                "-o", "out/training.csv");
        CliRunner.Result parquet = cli.run("get-historical-features", "--entities", "entities.csv", "--feature-service", "rider_v1",
                "-o", "out/training.parquet");

        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        assertThat(csv.out()).containsPattern("job [0-9a-f-]+: succeeded: 5 rows in 1 file").contains("Wrote 5 rows (5 columns) to out/training.csv.");
        assertThat(repository.resolve("out/training.csv")).content().isEqualTo("""
                rider_id,event_timestamp,label,rating,trips
                1,%s,1,4.0,10
                1,%s,0,4.5,12
                2,%s,1,,
                2,%s,0,3.0,5
                3,%s,1,,
                """.formatted(at(-50), at(0), at(-50), at(0), at(0)));
        assertThat(parquet.exitCode()).as(parquet.toString()).isZero();
        assertThat(readParquet(repository.resolve("out/training.parquet"))).containsExactly(
                Arrays.asList(1L, base.minus(Duration.ofMinutes(50)), 1L, 4.0, 10L),
                Arrays.asList(1L, base, 0L, 4.5, 12L),
                Arrays.asList(2L, base.minus(Duration.ofMinutes(50)), 1L, null, null),
                Arrays.asList(2L, base, 0L, 3.0, 5L),
                Arrays.asList(3L, base, 1L, null, null));
    }

    @Test
    @Order(5)
    void trainingSetFromAParquetEntityFile() throws IOException {
        RowSchema entities = RowSchema.of(column("rider_id", ValueType.INT64), column("ts", ValueType.UNIX_TIMESTAMP), column("city", ValueType.STRING));
        try (LocalObjectStore local = new LocalObjectStore()) {
            ParquetRowWriter.writeAll(local, StorageUri.of(repository.resolve("entities.parquet")), entities, List.of(
                    Row.of(entities, 2L, base, "Lyon"),
                    Row.of(entities, 1L, base.minus(Duration.ofMinutes(50)), "Porto")), ParquetWriteOptions.DEFAULTS);
        }

        CliRunner.Result result = cli.run("get-historical-features", "--entities", "entities.parquet", "--timestamp-column", "ts",
                "--features", "rider_stats:trips", "-o", "from-parquet.csv", "--output", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode summary = Json.MAPPER.readTree(result.out());
        assertThat(summary.path("rows").asLong()).isEqualTo(2);
        assertThat(summary.at("/job/state").asText()).isEqualTo("succeeded");
        assertThat(repository.resolve("from-parquet.csv")).content().isEqualTo("rider_id,ts,city,trips\n2,%s,Lyon,5\n1,%s,Porto,10\n".formatted(at(0), at(-50)));
    }

    @Test
    @Order(6)
    void badInputIsOneLineAndExitCodeOne() throws IOException {
        Files.writeString(repository.resolve("no-timestamp.csv"), "rider_id,label\n1,0\n");

        CliRunner.Result noTimestamp = cli.run("get-historical-features", "--entities", "no-timestamp.csv", "--features", "rider_stats:trips",
                "-o", "x.parquet");
        CliRunner.Result noFeature = cli.run("get-historical-features", "--entities", "entities.csv", "--features", "rider_stats:nope", "-o", "x.parquet");
        CliRunner.Result noService = cli.run("get-online-features", "--feature-service", "nope_v1", "-e", "rider_id=1");
        CliRunner.Result badKey = cli.run("get-online-features", "--features", "rider_stats:trips", "-e", "rider_id=abc");

        assertThat(noTimestamp.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(noTimestamp.err().lines()).singleElement().asString()
                .startsWith("error: ").contains("no-timestamp.csv has no timestamp column 'event_timestamp' (its columns: rider_id, label");
        assertThat(noFeature.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(noFeature.err()).isEqualTo("error: feature 'rider_stats:nope' does not exist: 'rider_stats' has rating, trips%n".formatted());
        assertThat(noService.err().lines()).singleElement().asString().startsWith("error: feature service 'nope_v1' does not exist in project");
        assertThat(badKey.err()).isEqualTo("error: --entity rider_id: 'abc' is not an INT64%n".formatted());
        assertThat(repository.resolve("x.parquet")).doesNotExist();
    }

    @Test
    @Order(7)
    void freshnessShowsTheViewStaleAgainstItsSla() {
        await("rider_stats violated").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            CliRunner.Result json = cli.run("freshness", "--output", "json");
            assertThat(json.exitCode()).as(json.toString()).isZero();
            JsonNode view = Json.MAPPER.readTree(json.out()).path("views").path(0);
            assertThat(view.path("feature_view").asText()).isEqualTo("rider_stats");
            assertThat(view.path("state").asText()).isEqualTo("violated");
            assertThat(view.path("reason").asText()).isEqualTo("sla_exceeded");
        });
        CliRunner.Result text = cli.run("freshness");
        CliRunner.Result one = cli.run("freshness", "rider_stats");

        assertThat(text.out()).containsPattern("rider_stats +violated +1h +2h\\d+m +\\S+ +sla_exceeded");
        assertThat(one.out().lines()).hasSize(2);
    }

    @Test
    @Order(8)
    void detachedIncrementalRunsAreFollowedLater() {
        CliRunner.Result detached = cli.run("materialize-incremental", "now", "--detach");
        List<String> ids = detached.out().lines().filter(line -> line.startsWith("  ")).map(line -> line.trim().split(" ")[0]).toList();
        CliRunner.Result followed = cli.run(concat(List.of("runs", "--follow"), ids));

        assertThat(detached.exitCode()).as(detached.toString()).isZero();
        assertThat(detached.out()).contains("Follow them with: featurestore runs --follow " + String.join(" ", ids));
        assertThat(ids).hasSize(1);
        assertThat(followed.exitCode()).as(followed.toString()).isZero();
        assertThat(followed.out()).contains("rider_stats: succeeded:");
    }

    private String at(int minutes) {
        return base.plus(Duration.ofMinutes(minutes)).toString();
    }

    private static String[] concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toArray(String[]::new);
    }

    private static List<List<Object>> readParquet(Path file) {
        try (LocalObjectStore local = new LocalObjectStore()) {
            return new ParquetScanner(local).readAll(ScanRequest.of(StorageUri.of(file))).stream().map(row -> (List<Object>) row.values()).toList();
        }
    }
}
