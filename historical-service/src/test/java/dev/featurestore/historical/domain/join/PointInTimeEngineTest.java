package dev.featurestore.historical.domain.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.StorageUri;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine against a brute-force oracle and against DuckDB's join with the created-timestamp tie-break, on
 * random data, in memory and with a memory budget so small that every view is spilled.
 */
class PointInTimeEngineTest {
    private static final long ENOUGH_MEMORY = 512L * 1024 * 1024;
    private static final long TINY_MEMORY = 16 * 1024;

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
    @ValueSource(longs = {1, 2, 3})
    void inMemoryJoinAgreesWithBruteForceAndDuckDb(long seed) throws SQLException {
        RandomJoinData data = new RandomJoinData(seed, directory, store, 200, 12_000, 3_000);
        List<Row> rows = new ArrayList<>();
        JoinStatistics statistics = run(data, ENOUGH_MEMORY, 700, rows);

        assertThat(statistics.spilled()).isFalse();
        assertAgreement(data, rows);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void spilledJoinAgreesWithBruteForceAndDuckDb(long seed) throws SQLException {
        RandomJoinData data = new RandomJoinData(seed, directory, store, 200, 12_000, 3_000);
        List<Row> rows = new ArrayList<>();
        JoinStatistics statistics = run(data, TINY_MEMORY, 700, rows);

        assertThat(statistics.views()).allSatisfy(view -> assertThat(view.partitions()).isGreaterThan(1));
        assertAgreement(data, rows);
        assertThat(directory.resolve("spill")).isEmptyDirectory();
    }

    private JoinStatistics run(RandomJoinData data, long memory, int batchSize, List<Row> rows) {
        ParquetEntityInput entities = new ParquetEntityInput(scanner, StorageUri.of(data.entityFile), RandomJoinData.ENTITY_SCHEMA, batchSize);
        JoinOptions options = new JoinOptions(memory, batchSize, directory.resolve("spill"), executor);
        return new PointInTimeEngine(scanner).run(data.plan(), entities, data.entityRows.size(), options,
                (ColumnBatch batch) -> rows.addAll(batch.rows()), JoinListener.NONE);
    }

    private void assertAgreement(RandomJoinData data, List<Row> rows) throws SQLException {
        List<List<Object>> expected = data.bruteForce();
        assertThat(rows).hasSize(expected.size());
        for (int index = 0; index < rows.size(); index++) {
            assertThat(rows.get(index).values()).as("row %d", index).isEqualTo(expected.get(index));
        }
        // Not trivial: a good share of rows matched, and some did not.
        long matched = rows.stream().filter(row -> row.get("conv_rate") != null).count();
        assertThat(matched).isBetween(rows.size() / 4L, rows.size() - 10L);
        assertThat(rows.stream().filter(row -> row.get("speed") != null).count()).isBetween(rows.size() / 10L, rows.size() - 10L);

        Map<Long, List<Object>> duckDb = duckDb(data);
        assertThat(duckDb).hasSize(rows.size());
        for (Row row : rows) {
            assertThat(duckDb.get(row.getLong("row_number")))
                    .as("row %d", row.getLong("row_number"))
                    .containsExactly(row.get("conv_rate"), row.get("trips"), row.get("speed"));
        }
    }

    /** DuckDB: a range join per view, the latest row per entity row by (event, created) timestamp. */
    private Map<Long, List<Object>> duckDb(RandomJoinData data) throws SQLException {
        String driverTtl = data.driverTtl.isZero() ? "" : "AND s.event_timestamp >= e.event_timestamp - INTERVAL %d SECOND".formatted(data.driverTtl.toSeconds());
        String sql = """
                WITH e AS (SELECT * FROM read_parquet('%1$s')),
                d AS (
                    SELECT e.row_number, s.conv, s.trips,
                           row_number() OVER (PARTITION BY e.row_number ORDER BY s.event_timestamp DESC, s.created DESC) AS pick
                    FROM e JOIN read_parquet('%2$s/*.parquet') s
                      ON s.driver_id = e.driver_id AND s.event_timestamp <= e.event_timestamp %3$s),
                r AS (
                    SELECT e.row_number, s.speed,
                           row_number() OVER (PARTITION BY e.row_number ORDER BY s.ts DESC) AS pick
                    FROM e JOIN read_parquet('%4$s/*.parquet') s
                      ON s.origin = e.origin AND s.destination = e.destination
                     AND s.ts <= e.event_timestamp AND s.ts >= e.event_timestamp - INTERVAL %5$d SECOND)
                SELECT e.row_number, d.conv, d.trips, r.speed
                FROM e LEFT JOIN d ON d.row_number = e.row_number AND d.pick = 1
                       LEFT JOIN r ON r.row_number = e.row_number AND r.pick = 1
                """.formatted(data.entityFile, data.driverDirectory, driverTtl, data.routeDirectory, data.routeTtl.toSeconds());
        Map<Long, List<Object>> values = new HashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    row.add(result.getObject(2) == null ? null : result.getDouble(2));
                    row.add(result.getObject(3) == null ? null : result.getLong(3));
                    row.add(result.getObject(4) == null ? null : result.getFloat(4));
                    values.put(result.getLong(1), row);
                }
            }
        }
        return values;
    }
}
