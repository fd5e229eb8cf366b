package dev.featurestore.bench;

import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.offlinestore.RowSchema.column;

import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale case's Parquet files (issue 15): {@code rows} feature rows of {@code entities} entities in {@code files}
 * objects, and {@code entityRows} entity rows in one object. Written by DuckDB's {@code COPY ... FROM range()}, one
 * file at a time, so nothing holds the rows in memory; every value is a function of the row number (DuckDB's
 * {@code hash}), so a generation is the same on every run of the same DuckDB version (named in the marker file, as
 * are the sizes: a different one regenerates).
 *
 * <ul>
 *   <li>{@code scale/part-NNN.parquet}: {@code entity_id} (1..entities; row {@code i} is version {@code i / entities}
 *       of entity {@code (i % entities) * P % entities + 1}, so each entity has {@code rows / entities} versions spread
 *       over every file), {@code event_timestamp} on a full hour of the 30 days from {@link HistoricalData#START},
 *       {@code created} (a random second in that hour, the micros unique per version), {@code s1..s5} FLOAT64 in
 *       [0, 1). An odd version is, for a quarter of the rows, a correction of the version before: same entity and event
 *       timestamp, created 1 to 600 s later (the ties the created timestamp breaks). No two rows of an entity tie on
 *       (event, created).</li>
 *   <li>{@code entities/entities.parquet}: {@code entity_id} (1..1.1 x entities: about 10 % unknown),
 *       {@code event_timestamp} (from the second day; half on a full hour, tying with the sources' event times, half
 *       with random microseconds), {@code label}.</li>
 * </ul>
 */
final class HistoricalScaleData {
    private static final Logger LOG = LoggerFactory.getLogger(HistoricalScaleData.class);
    private static final String GENERATION = "historical-scale v1";
    /** An odd multiplier, prime to 2 and 5: spreads consecutive rows over the entities (any entity count of the form 2^a 5^b). */
    private static final long SPREAD = 2_654_435_761L;
    private static final long HOUR_MICROS = 3_600_000_000L;

    static final RowSchema ENTITY_SCHEMA = RowSchema.of(column("entity_id", INT64), column("event_timestamp", UNIX_TIMESTAMP), column("label", FLOAT64));
    static final List<String> FEATURES = List.of("s1", "s2", "s3", "s4", "s5");

    private final Path directory;
    private final long rows;
    private final long entities;
    private final long entityRows;
    private final int files;

    HistoricalScaleData(Path parent, long rows, long entities, long entityRows, int files) {
        if (rows < 1 || entities < 1 || entityRows < 1 || files < 1 || rows < files || entities > (Long.MAX_VALUE / SPREAD)) {
            throw new IllegalArgumentException("scale data: rows %d, entities %d, entity rows %d, files %d".formatted(rows, entities, entityRows, files));
        }
        if (gcd(SPREAD, entities) != 1) {
            throw new IllegalArgumentException("scale data: the entity count %d shares a factor with %d; pick another".formatted(entities, SPREAD));
        }
        this.rows = rows;
        this.entities = entities;
        this.entityRows = entityRows;
        this.files = files;
        this.directory = parent.toAbsolutePath().resolve("rows-%d-entities-%d-entity-rows-%d-files-%d".formatted(rows, entities, entityRows, files));
    }

    Path entityFile() {
        return directory.resolve("entities").resolve("entities.parquet");
    }

    Path source() {
        return directory.resolve("scale");
    }

    long entityRows() {
        return entityRows;
    }

    /** The case: one view {@code scale} keyed on {@code entity_id}, with created timestamps, TTL {@code ttl}. */
    HistoricalCase join(Duration ttl) {
        return new HistoricalCase("scale", entityFile(), ENTITY_SCHEMA, entityRows,
                List.of(new HistoricalCase.View("scale", source(), "entity_id", true, FEATURES, ttl)));
    }

    /** Generates the files unless the marker names this generation; returns the seconds spent (0 when cached). */
    double ensureGenerated() {
        Path marker = directory.resolve("COMPLETE");
        try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckDb.createStatement()) {
            String generation = "%s rows %d entities %d entity rows %d files %d %s".formatted(GENERATION, rows, entities, entityRows, files, version(statement));
            if (Files.exists(marker) && Files.readString(marker).equals(generation)) {
                return 0;
            }
            long started = System.nanoTime();
            HistoricalData.deleteRecursively(directory);
            Files.createDirectories(source());
            Files.createDirectories(entityFile().getParent());
            statement.execute("SET threads = %d".formatted(Math.min(4, Runtime.getRuntime().availableProcessors())));
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET preserve_insertion_order = true");
            macros(statement);
            copy(statement, entitySql(), entityFile());
            LOG.info("scale data: {} entity rows written", entityRows);
            for (int file = 0; file < files; file++) {
                copy(statement, sourceSql(rows * file / files, rows * (file + 1) / files), source().resolve("part-%03d.parquet".formatted(file)));
                if ((file + 1) % 10 == 0 || file + 1 == files) {
                    LOG.info("scale data: {} of {} source files written ({} s)", file + 1, files, (System.nanoTime() - started) / 1_000_000_000);
                }
            }
            Files.writeString(marker, generation);
            return (System.nanoTime() - started) / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the scale data in %s".formatted(directory), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot generate the scale data in %s: %s".formatted(directory, e.getMessage()), e);
        }
    }

    private static String version(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT 'duckdb ' || version()")) {
            result.next();
            return result.getString(1);
        }
    }

    /**
     * {@code hm(x, k, m)}: a hash of (x, k) in [0, m); {@code unit(x, k)}: one in [0, 1); {@code base_event(x)} and
     * {@code base_created(x, g)}: epoch micros of source row x (version g) when it is not a correction.
     */
    private void macros(Statement statement) throws SQLException {
        long versions = Math.max(1, (rows + entities - 1) / entities);
        statement.execute("CREATE OR REPLACE TEMP MACRO hm(x, k, m) AS CAST(hash(x, k) % m AS BIGINT)");
        statement.execute("CREATE OR REPLACE TEMP MACRO unit(x, k) AS hash(x, k) / 18446744073709551616.0");
        statement.execute("CREATE OR REPLACE TEMP MACRO base_event(x) AS %d + hm(x, 1, %d) * %d".formatted(Timestamps.toMicros(HistoricalData.START),
                HistoricalData.HOURS, HOUR_MICROS));
        statement.execute("CREATE OR REPLACE TEMP MACRO base_created(x, g) AS base_event(x) + hm(x, 3, 3600) * 1000000 + hm(x, 4, %d) * %d + g"
                .formatted(1_000_000 / versions, versions));
    }

    private String sourceSql(long from, long to) {
        String features = IntStream.range(0, FEATURES.size()).mapToObj(index -> "unit(i, %d) AS %s".formatted(11 + index, FEATURES.get(index)))
                .reduce((left, right) -> left + ", " + right).orElseThrow();
        return """
                SELECT r * %1$d %% %2$d + 1 AS entity_id,
                  make_timestamp(CASE WHEN correction THEN base_event(i - %2$d) ELSE base_event(i) END)::TIMESTAMPTZ AS event_timestamp,
                  make_timestamp(CASE WHEN correction THEN base_created(i - %2$d, g - 1) + (1 + hm(i, 5, 600)) * 1000000
                                 ELSE base_created(i, g) END)::TIMESTAMPTZ AS created,
                  %3$s
                FROM (SELECT range AS i, range %% %2$d AS r, range // %2$d AS g, range // %2$d %% 2 = 1 AND hm(range, 2, 4) = 0 AS correction
                      FROM range(%4$d, %5$d))
                """.formatted(SPREAD, entities, features, from, to);
    }

    private String entitySql() {
        return """
                SELECT hm(j, 21, %1$d) + 1 AS entity_id,
                  make_timestamp(%2$d + 86400000000 + hm(j, 22, %3$d) * %4$d
                                 + CASE WHEN hm(j, 23, 2) = 0 THEN 0 ELSE hm(j, 24, %4$d) END)::TIMESTAMPTZ AS event_timestamp,
                  unit(j, 25) AS label
                FROM range(0, %5$d) t(j)
                """.formatted(entities + entities / 10, Timestamps.toMicros(HistoricalData.START), HistoricalData.HOURS - 24, HOUR_MICROS, entityRows);
    }

    private static void copy(Statement statement, String query, Path target) throws SQLException {
        statement.execute("COPY (%s) TO '%s' (FORMAT parquet, COMPRESSION snappy)".formatted(query, target));
    }

    private static long gcd(long left, long right) {
        return right == 0 ? left : gcd(right, left % right);
    }
}
