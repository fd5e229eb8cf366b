package dev.featurestore.historical.domain.join;

import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.historical.domain.join.ValueOrigin.EntityColumn;
import dev.featurestore.historical.domain.join.ValueOrigin.ViewFeature;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The edge cases of the point-in-time semantics, each on a few hand-written rows, in memory and spilled. */
class PointInTimeEdgeCasesTest {
    private static final RowSchema SOURCE = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP),
            column("created", UNIX_TIMESTAMP), column("conv", FLOAT64));
    private static final RowSchema ENTITIES = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP),
            column("label", STRING));
    private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

    @TempDir
    Path directory;

    private final LocalObjectStore store = new LocalObjectStore();
    private final ParquetScanner scanner = new ParquetScanner(store);
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(longs = {512L * 1024 * 1024, 1})
    void eachEdgeCaseGetsTheValueTheSemanticsName(long memory) {
        writeSource("driver", List.of(
                // driver 1: values at T-3h and T-1h; an entity row before any value gets null
                Row.of(SOURCE, 1L, T.minusSeconds(3 * 3600), T, 1.0),
                Row.of(SOURCE, 1L, T.minusSeconds(3600), T, 2.0),
                // driver 2: exactly at the TTL boundary (T - 2h): still inside
                Row.of(SOURCE, 2L, T.minusSeconds(2 * 3600), T, 3.0),
                // driver 3: equal event timestamps, the greater created timestamp wins whatever the file order
                Row.of(SOURCE, 3L, T.minusSeconds(60), T.plusSeconds(10), 5.0),
                Row.of(SOURCE, 3L, T.minusSeconds(60), T.plusSeconds(5), 4.0),
                // driver 4: the latest value is null: null, not an older value
                Row.of(SOURCE, 4L, T.minusSeconds(600), T, 6.0),
                Row.of(SOURCE, 4L, T.minusSeconds(60), T, null),
                // driver 6: a value in the future of the entity row is not seen
                Row.of(SOURCE, 6L, T.plusSeconds(1), T, 7.0)));
        List<Row> rows = run(memory, view("driver", Duration.ofHours(2)), List.of(
                Row.of(ENTITIES, 1L, T.minusSeconds(4 * 3600), "before any value"),
                Row.of(ENTITIES, 1L, T, "latest of two"),
                Row.of(ENTITIES, 2L, T, "at the ttl boundary"),
                Row.of(ENTITIES, 2L, T.plusNanos(1_000), "one microsecond past the ttl"),
                Row.of(ENTITIES, 3L, T, "tie broken by created"),
                Row.of(ENTITIES, 4L, T, "null latest value"),
                Row.of(ENTITIES, 5L, T, "entity absent from the source"),
                Row.of(ENTITIES, 6L, T, "only a future value"),
                Row.of(ENTITIES, 1L, T, "latest of two"),
                Row.of(ENTITIES, null, T, "no key")));

        assertThat(rows).extracting(row -> row.get("label")).containsExactly("before any value", "latest of two", "at the ttl boundary",
                "one microsecond past the ttl", "tie broken by created", "null latest value", "entity absent from the source", "only a future value",
                "latest of two", "no key");
        assertThat(rows).extracting(row -> row.get("conv")).containsExactly(null, 2.0, 3.0, null, 5.0, null, null, null, 2.0, null);
    }

    @Test
    void twoViewsWithDifferentTtlsAndKeysInOneRequest() {
        writeSource("driver", List.of(Row.of(SOURCE, 1L, T.minusSeconds(5 * 3600), T, 1.0)));
        RowSchema customers = RowSchema.of(column("customer", STRING), column("event_timestamp", UNIX_TIMESTAMP), column("balance", FLOAT64));
        ParquetRowWriter.writeAll(store, StorageUri.of(directory.resolve("customer/part-0.parquet")), customers,
                List.of(Row.of(customers, "c1", T.minusSeconds(5 * 3600), 10.0)), ParquetWriteOptions.DEFAULTS);
        ViewJoin driver = view("driver", Duration.ofHours(6));
        ViewJoin customer = new ViewJoin("customer", StorageUri.of(directory.resolve("customer")), "event_timestamp", Optional.empty(),
                List.of(new KeyColumn("customer", "customer", STRING)), List.of(new FeatureColumn("balance", "balance", FLOAT64)), Duration.ofHours(4));
        RowSchema entitySchema = RowSchema.of(column("driver_id", INT64), column("customer", STRING), column("event_timestamp", UNIX_TIMESTAMP));
        JoinPlan plan = new JoinPlan("event_timestamp", List.of(driver, customer), List.of(), List.of(
                new OutputColumn("driver_id", INT64, new EntityColumn("driver_id")),
                new OutputColumn("customer", STRING, new EntityColumn("customer")),
                new OutputColumn("event_timestamp", UNIX_TIMESTAMP, new EntityColumn("event_timestamp")),
                new OutputColumn("conv", FLOAT64, new ViewFeature(0, 0)),
                new OutputColumn("balance", FLOAT64, new ViewFeature(1, 0))));
        List<Row> rows = new ArrayList<>();
        new PointInTimeEngine(scanner).run(plan, new InlineEntityInput(ColumnBatch.of(entitySchema, List.of(Row.of(entitySchema, 1L, "c1", T)))), 1,
                new JoinOptions(1 << 20, 100, directory.resolve("spill"), executor), batch -> rows.addAll(batch.rows()), JoinListener.NONE);

        // 5 hours old: inside the driver view's 6h, outside the customer view's 4h.
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("conv")).isEqualTo(1.0);
            assertThat(row.get("balance")).isNull();
        });
    }

    @Test
    void sourceTimestampsWrittenWithAnOffsetAreComparedInUtc() throws SQLException {
        // DuckDB writes a TIMESTAMPTZ given at +02:00: 13:00+02:00 is 11:00Z, an hour before T.
        Path file = directory.resolve("offsets/part-0.parquet");
        file.getParent().toFile().mkdirs();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'Europe/Berlin'");
            statement.execute("""
                    COPY (SELECT 1::BIGINT AS driver_id, TIMESTAMPTZ '2026-11-20 13:00:00+02:00' AS event_timestamp,
                                 TIMESTAMPTZ '2026-11-20 13:00:00+02:00' AS created, 9.5::DOUBLE AS conv
                          UNION ALL
                          SELECT 1, TIMESTAMPTZ '2026-11-20 14:30:00+02:00', TIMESTAMPTZ '2026-11-20 14:30:00+02:00', 10.5)
                    TO '%s' (FORMAT parquet)""".formatted(file));
        }
        ViewJoin offsets = new ViewJoin("offsets", StorageUri.of(directory.resolve("offsets")), "event_timestamp", Optional.of("created"),
                List.of(new KeyColumn("driver_id", "driver_id", INT64)), List.of(new FeatureColumn("conv", "conv", FLOAT64)), Duration.ZERO);

        List<Row> rows = run(1 << 20, offsets, List.of(Row.of(ENTITIES, 1L, T, "noon UTC")));

        // 14:30+02:00 is 12:30Z, after T: not seen.
        assertThat(rows).singleElement().satisfies(row -> assertThat(row.get("conv")).isEqualTo(9.5));
    }

    @ParameterizedTest
    @ValueSource(longs = {512L * 1024 * 1024, 1})
    void anObjectWithoutAFeatureColumnGivesNullForItsRows(long memory) {
        // writeSource writes conv; part-2 (written by a stream that carries other features, or before conv was added) has not
        writeSource("driver", List.of(Row.of(SOURCE, 1L, T.minusSeconds(3600), T, 1.0)));
        RowSchema withoutConv = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP), column("created", UNIX_TIMESTAMP));
        ParquetRowWriter.writeAll(store, StorageUri.of(directory.resolve("driver/part-2.parquet")), withoutConv,
                List.of(Row.of(withoutConv, 2L, T.minusSeconds(60), T), Row.of(withoutConv, 1L, T.minusSeconds(60), T)), ParquetWriteOptions.DEFAULTS);

        List<Row> rows = run(memory, view("driver", Duration.ZERO), List.of(
                Row.of(ENTITIES, 1L, T, "latest row in the object without conv"),
                Row.of(ENTITIES, 1L, T.minusSeconds(120), "before it"),
                Row.of(ENTITIES, 2L, T, "only in the object without conv")));

        assertThat(rows).extracting(row -> row.get("conv")).containsExactly(null, 1.0, null);
    }

    @Test
    void aCancelledJoinStopsAndLeavesNoSpillFiles() {
        writeSource("driver", List.of(Row.of(SOURCE, 1L, T, T, 1.0)));
        JoinListener cancelling = new JoinListener() {
            @Override
            public boolean cancelRequested() {
                return true;
            }
        };
        List<Row> entities = List.of(Row.of(ENTITIES, 1L, T, "a"));
        assertThatThrownBy(() -> new PointInTimeEngine(scanner).run(plan(view("driver", Duration.ZERO)),
                new InlineEntityInput(ColumnBatch.of(ENTITIES, entities)), 1, new JoinOptions(1, 100, directory.resolve("spill"), executor),
                batch -> { }, cancelling)).isInstanceOf(JoinCancelledException.class);
        assertThat(directory.resolve("spill")).isEmptyDirectory();
    }

    @Test
    void progressIsReportedPhaseByPhaseWhileTheJoinRuns() {
        List<Row> source = new ArrayList<>();
        for (long index = 0; index < 400; index++) {
            source.add(Row.of(SOURCE, index % 100, T.minusSeconds(index), T.minusSeconds(index), (double) index));
        }
        writeSource("driver", source);
        List<Row> entities = new ArrayList<>();
        for (long index = 0; index < 300; index++) {
            entities.add(Row.of(ENTITIES, index % 120, T, "row " + index));
        }
        List<String> phases = new ArrayList<>();
        List<long[]> reports = new ArrayList<>();
        JoinListener recording = new JoinListener() {
            @Override
            public synchronized void phase(String description) {
                phases.add(description);
            }

            @Override
            public synchronized void progress(long rowsDone, long rowsTotal) {
                reports.add(new long[] {rowsDone, rowsTotal});
            }
        };

        new PointInTimeEngine(scanner).run(plan(view("driver", Duration.ZERO)), new InlineEntityInput(ColumnBatch.of(ENTITIES, entities)),
                entities.size(), new JoinOptions(1 << 20, 25, directory.resolve("spill"), executor), batch -> { }, recording);

        assertThat(phases).containsSubsequence("planning", "reading entity rows", "joining feature view driver", "writing the result");
        long total = reports.get(reports.size() - 1)[1];
        // entity rows read, source rows read, rows written: batch by batch, never backwards, done only at the end
        assertThat(total).isEqualTo(300 + 400 + 300);
        assertThat(reports).allSatisfy(report -> assertThat(report[1]).isEqualTo(total));
        assertThat(reports.stream().filter(report -> report[0] < total)).hasSizeGreaterThan(10);
        for (int index = 1; index < reports.size(); index++) {
            assertThat(reports.get(index)[0]).isGreaterThanOrEqualTo(reports.get(index - 1)[0]);
        }
        assertThat(reports.get(reports.size() - 1)[0]).isEqualTo(total);
    }

    @Test
    void entityRowsWithoutTheTimestampOrWithAWrongKeyTypeAreNamed() {
        RowSchema wrong = RowSchema.of(column("driver_id", STRING), column("when", UNIX_TIMESTAMP));
        assertThat(PointInTimeEngine.problems(plan(view("driver", Duration.ZERO)), wrong)).containsExactly(
                "the entity rows have no event timestamp column 'event_timestamp' (columns: [driver_id, when])",
                "the entity rows' column 'driver_id' is STRING, but the join key 'driver_id' of feature view 'driver' is INT64",
                "the entity rows have no column 'label'");
    }

    private List<Row> run(long memory, ViewJoin view, List<Row> entities) {
        List<Row> rows = new ArrayList<>();
        JoinStatistics statistics = new PointInTimeEngine(scanner).run(plan(view), new InlineEntityInput(ColumnBatch.of(ENTITIES, entities)), entities.size(),
                new JoinOptions(memory, 3, directory.resolve("spill"), executor), batch -> rows.addAll(batch.rows()), JoinListener.NONE);
        assertThat(statistics.spilled()).isEqualTo(memory < 1024);
        return rows;
    }

    private void writeSource(String name, List<Row> rows) {
        // Two files, so the rows' read order is not the file's.
        int half = rows.size() / 2;
        ParquetRowWriter.writeAll(store, StorageUri.of(directory.resolve(name + "/part-1.parquet")), SOURCE, rows.subList(0, half), ParquetWriteOptions.DEFAULTS);
        ParquetRowWriter.writeAll(store, StorageUri.of(directory.resolve(name + "/part-0.parquet")), SOURCE, rows.subList(half, rows.size()),
                ParquetWriteOptions.DEFAULTS);
    }

    private ViewJoin view(String name, Duration ttl) {
        return new ViewJoin(name, StorageUri.of(directory.resolve(name)), "event_timestamp", Optional.of("created"),
                List.of(new KeyColumn("driver_id", "driver_id", INT64)), List.of(new FeatureColumn("conv", "conv", FLOAT64)), ttl);
    }

    private static JoinPlan plan(ViewJoin view) {
        List<OutputColumn> output = new ArrayList<>();
        for (String name : Arrays.asList("driver_id", "event_timestamp", "label")) {
            output.add(new OutputColumn(name, ENTITIES.column(ENTITIES.requireIndex(name)).type(), new EntityColumn(name)));
        }
        output.add(new OutputColumn("conv", FLOAT64, new ViewFeature(0, 0)));
        return new JoinPlan("event_timestamp", List.of(view), List.of(), output);
    }
}
