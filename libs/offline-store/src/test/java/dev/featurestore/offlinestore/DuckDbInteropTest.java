package dev.featurestore.offlinestore;

import static dev.featurestore.contracts.definition.ValueType.BOOL;
import static dev.featurestore.contracts.definition.ValueType.FLOAT32_LIST;
import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT32_LIST;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What we write, DuckDB reads as-is; what DuckDB writes (another writer's encodings), we read. */
class DuckDbInteropTest {
    @TempDir
    Path directory;

    private final LocalObjectStore store = new LocalObjectStore();

    @Test
    void duckDbReadsOurFileWithUtcTimestampsAndNulls() throws SQLException {
        RowSchema schema = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP),
                column("conv_rate", FLOAT64), column("city", STRING), column("active", BOOL));
        StorageUri uri = StorageUri.of(directory.resolve("ours.parquet"));
        ParquetRowWriter.writeAll(store, uri, schema, List.of(
                Row.of(schema, 1L, Instant.parse("2026-11-21T10:15:30.123456Z"), 0.5, "Paris", true),
                Row.of(schema, 2L, null, null, null, null)), ParquetWriteOptions.DEFAULTS.withCodec(CompressionCodecName.ZSTD));

        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet types = statement.executeQuery(
                    "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('%s'))".formatted(uri.path()))) {
                List<String> described = new ArrayList<>();
                while (types.next()) {
                    described.add(types.getString(1) + " " + types.getString(2));
                }
                assertThat(described).containsExactly("driver_id BIGINT", "event_timestamp TIMESTAMP WITH TIME ZONE",
                        "conv_rate DOUBLE", "city VARCHAR", "active BOOLEAN");
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT driver_id, epoch_us(event_timestamp), conv_rate, city, active FROM read_parquet('%s') ORDER BY driver_id"
                            .formatted(uri.path()))) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(1L);
                assertThat(rows.getLong(2)).isEqualTo(Timestamps.toMicros(Instant.parse("2026-11-21T10:15:30.123456Z")));
                assertThat(rows.getDouble(3)).isEqualTo(0.5);
                assertThat(rows.getString(4)).isEqualTo("Paris");
                assertThat(rows.getBoolean(5)).isTrue();
                assertThat(rows.next()).isTrue();
                assertThat(rows.getObject(2)).isNull();
                assertThat(rows.getObject(3)).isNull();
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void readsDuckDbFilesWithDictionariesAndOtherTimestampUnitsAndPrunesTheirRowGroups() throws SQLException {
        Path file = directory.resolve("duck.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("""
                    COPY (
                      SELECT i::BIGINT AS driver_id,
                             TIMESTAMPTZ '2026-11-01 00:00:00+00' + to_minutes(i) AS event_timestamp,
                             (TIMESTAMP '2026-11-01 00:00:00' + to_minutes(i))::TIMESTAMP_MS AS created_ms,
                             (TIMESTAMP '2026-11-01 00:00:00' + to_minutes(i))::TIMESTAMP_NS AS created_ns,
                             'city-' || (i %% 3) AS city,
                             CASE WHEN i %% 7 = 0 THEN NULL ELSE i / 10.0 END::DOUBLE AS conv_rate
                      FROM range(20000) t(i)
                    ) TO '%s' (FORMAT PARQUET, ROW_GROUP_SIZE 2048, COMPRESSION 'snappy')""".formatted(file));
        }
        StorageUri uri = StorageUri.of(file);
        Instant start = Instant.parse("2026-11-01T00:00:00Z");

        List<Row> rows = new ArrayList<>();
        ScanStatistics statistics = new ParquetScanner(store).scan(ScanRequest.of(uri)
                .withColumns("driver_id", "created_ms", "created_ns", "city", "conv_rate")
                .withTimeRange(new TimeRange("event_timestamp", start.plusSeconds(60 * 5000), start.plusSeconds(60 * 5999))), rows::add);

        // DuckDB sizes its row groups itself (about 2048 rows here): the window spans one or two
        assertThat(statistics.rowGroupsRead()).isBetween(1, 2);
        assertThat(statistics.rowGroupsSkipped()).isGreaterThanOrEqualTo(5);
        assertThat(statistics.rows()).isEqualTo(1000);
        assertThat(rows).hasSize(1000);
        Row first = rows.get(0);
        assertThat(first.schema().columns()).containsExactly(column("driver_id", INT64), column("created_ms", UNIX_TIMESTAMP),
                column("created_ns", UNIX_TIMESTAMP), column("city", STRING), column("conv_rate", FLOAT64));
        assertThat(first.values()).containsExactly(5000L, start.plusSeconds(300_000), start.plusSeconds(300_000), "city-2", 500.0);
        assertThat(rows.get(5).getDouble("conv_rate")).isNull();
        assertThat(OffsetDateTime.ofInstant(rows.get(999).getInstant("created_ns"), java.time.ZoneOffset.UTC))
                .isEqualTo(OffsetDateTime.parse("2026-11-05T03:59:00Z"));
    }

    @Test
    void duckDbReadsOurListsWithNullListsEmptyListsAndNullElements() throws SQLException {
        RowSchema schema = RowSchema.of(column("driver_id", INT64), column("favourite_zones", INT32_LIST), column("embedding", FLOAT32_LIST));
        StorageUri uri = StorageUri.of(directory.resolve("lists.parquet"));
        ParquetRowWriter.writeAll(store, uri, schema, List.of(
                Row.of(schema, 1L, List.of(3, 1, 4), List.of(0.5f, -1.25f)),
                Row.of(schema, 2L, null, null),
                Row.of(schema, 3L, List.of(), List.of()),
                Row.of(schema, 4L, Arrays.asList(null, 9), Arrays.asList(2.5f, null))), ParquetWriteOptions.DEFAULTS);

        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            try (ResultSet types = statement.executeQuery(
                    "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('%s'))".formatted(uri.path()))) {
                List<String> described = new ArrayList<>();
                while (types.next()) {
                    described.add(types.getString(1) + " " + types.getString(2));
                }
                assertThat(described).containsExactly("driver_id BIGINT", "favourite_zones INTEGER[]", "embedding FLOAT[]");
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT favourite_zones::VARCHAR, embedding::VARCHAR, len(favourite_zones) FROM read_parquet('%s') ORDER BY driver_id"
                            .formatted(uri.path()))) {
                List<String> read = new ArrayList<>();
                while (rows.next()) {
                    read.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                }
                assertThat(read).containsExactly("[3, 1, 4] [0.5, -1.25] 3", "null null null", "[] [] 0", "[NULL, 9] [2.5, NULL] 2");
            }
        }
    }

    @Test
    void duckDbReadsABatchWrittenFileOfEveryTypeAsTheRowWrittenOne() throws SQLException {
        RowSchema schema = AbstractParquetRoundTripTest.everyTypeSchema("");
        List<Row> rows = AbstractParquetRoundTripTest.everyTypeRows(schema, 3_000);
        StorageUri byRows = StorageUri.of(directory.resolve("rows.parquet"));
        StorageUri byBatches = StorageUri.of(directory.resolve("batches.parquet"));
        ParquetWriteOptions options = ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(1_000);
        ParquetRowWriter.writeAll(store, byRows, schema, rows, options);
        try (ParquetRowWriter writer = ParquetRowWriter.create(store, byBatches, schema, options)) {
            writer.write(ColumnBatch.of(schema, rows.subList(0, 1_200)));
            writer.write(ColumnBatch.of(schema, rows.subList(1_200, 3_000)));
            writer.commit();
        }

        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            // every column as text, row by row: the two files hold the same values, nulls, empty lists and null elements
            String difference = """
                    SELECT count(*) FROM (
                      (SELECT * FROM read_parquet('%1$s') EXCEPT ALL SELECT * FROM read_parquet('%2$s'))
                      UNION ALL
                      (SELECT * FROM read_parquet('%2$s') EXCEPT ALL SELECT * FROM read_parquet('%1$s')))"""
                    .formatted(byRows.path(), byBatches.path());
            try (ResultSet result = statement.executeQuery(difference)) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isZero();
            }
            try (ResultSet result = statement.executeQuery("""
                    SELECT count(*), count(int64), sum(len(int32_list)), count(*) FILTER (WHERE len(string_list) = 0),
                           max(epoch_us(unix_timestamp)) FROM read_parquet('%s')""".formatted(byBatches.path()))) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(3_000);
                assertThat(result.getLong(2)).isEqualTo(rows.stream().filter(row -> !row.isNull("int64")).count());
                assertThat(result.getLong(3)).isEqualTo(rows.stream().filter(row -> !row.isNull("int32_list"))
                        .mapToLong(row -> ((List<?>) row.get("int32_list")).size()).sum());
                assertThat(result.getLong(4)).isEqualTo(rows.stream().filter(row -> !row.isNull("string_list"))
                        .filter(row -> ((List<?>) row.get("string_list")).isEmpty()).count());
                assertThat(result.getLong(5)).isEqualTo(rows.stream().filter(row -> !row.isNull("unix_timestamp"))
                        .mapToLong(row -> Timestamps.toMicros(row.getInstant("unix_timestamp"))).max().orElseThrow());
            }
        }
    }

    @Test
    void readsDuckDbListsWithNullListsEmptyListsAndNullElements() throws SQLException {
        Path file = directory.resolve("duck-lists.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    COPY (
                      SELECT i::BIGINT AS driver_id,
                             CASE i %% 4 WHEN 0 THEN NULL WHEN 1 THEN []::INTEGER[]
                                  WHEN 2 THEN [i %% 5, NULL]::INTEGER[] ELSE [i, i %% 3, i + 1]::INTEGER[] END AS favourite_zones,
                             CASE WHEN i %% 5 = 0 THEN NULL ELSE [i / 4, NULL, 1.5]::FLOAT[] END AS embedding
                      FROM range(10000) t(i)
                    ) TO '%s' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)""".formatted(file));
        }

        List<Row> rows = new ParquetScanner(store).readAll(ScanRequest.of(StorageUri.of(file)));

        assertThat(rows).hasSize(10_000);
        assertThat(rows.get(0).schema().columns()).containsExactly(column("driver_id", INT64), column("favourite_zones", INT32_LIST),
                column("embedding", FLOAT32_LIST));
        for (Row row : rows) {
            int i = row.getLong("driver_id").intValue();
            Object zones = row.get("favourite_zones");
            switch (i % 4) {
                case 0 -> assertThat(zones).as("row %d", i).isNull();
                case 1 -> assertThat(zones).as("row %d", i).isEqualTo(List.of());
                case 2 -> assertThat(zones).as("row %d", i).isEqualTo(Arrays.asList(i % 5, null));
                default -> assertThat(zones).as("row %d", i).isEqualTo(List.of(i, i % 3, i + 1));
            }
            assertThat(row.get("embedding")).as("row %d", i).isEqualTo(i % 5 == 0 ? null : Arrays.asList(i / 4f, null, 1.5f));
        }
    }
}
