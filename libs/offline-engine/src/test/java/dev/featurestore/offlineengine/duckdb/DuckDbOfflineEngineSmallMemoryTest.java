package dev.featurestore.offlineengine.duckdb;

import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.offlineengine.EngineListener;
import dev.featurestore.offlineengine.EntityRows;
import dev.featurestore.offlineengine.FeatureColumn;
import dev.featurestore.offlineengine.KeyColumn;
import dev.featurestore.offlineengine.LatestQuery;
import dev.featurestore.offlineengine.PointInTimeOracle;
import dev.featurestore.offlineengine.PointInTimeOracle.ViewData;
import dev.featurestore.offlineengine.Retrieval;
import dev.featurestore.offlineengine.ViewRead;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB engine at its smallest memory limit and one thread still gives exact results on a few hundred thousand rows. */
class DuckDbOfflineEngineSmallMemoryTest {
    private static final long SEED = 42;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int MINUTES = 30 * 24 * 60;
    private static final RowSchema SOURCE = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP),
            column("created", UNIX_TIMESTAMP), column("conv", FLOAT64), column("trips", INT64));
    private static final RowSchema ENTITIES = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP),
            column("row_number", INT64));

    @TempDir
    Path directory;

    @Test
    void givesExactResultsAtTheMinimumMemoryLimitWithOneThread() {
        Random random = new Random(SEED);
        LocalObjectStore store = new LocalObjectStore();
        List<Row> sourceRows = sourceRows(random, 150_000, 10_000);
        StorageUri source = StorageUri.of(directory.resolve("driver")).asPrefix();
        ParquetWriteOptions options = ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(20_000);
        for (int file = 0; file < 3; file++) {
            ParquetRowWriter.writeAll(store, source.resolve("part-%d.parquet".formatted(file)), SOURCE,
                    sourceRows.subList(file * sourceRows.size() / 3, (file + 1) * sourceRows.size() / 3), options);
        }
        List<Row> entities = new ArrayList<>();
        for (int index = 0; index < 80_000; index++) {
            entities.add(Row.of(ENTITIES, (long) random.nextInt(11_000), START.plus(random.nextInt(MINUTES + 600) - 300, ChronoUnit.MINUTES), (long) index));
        }
        StorageUri entityFile = StorageUri.of(directory.resolve("entities.parquet"));
        ParquetRowWriter.writeAll(store, entityFile, ENTITIES, entities, options);
        ViewRead unlimited = view(source, Duration.ZERO);
        ViewRead day = view(source, Duration.ofDays(1));
        Retrieval retrieval = new Retrieval(new EntityRows.Parquet(entityFile, ENTITIES, entities.size()), "event_timestamp", List.of(unlimited, day));
        DuckDbSettings settings = new DuckDbSettings(DuckDbSettings.MINIMUM_MEMORY_LIMIT, 1, directory.resolve("work"), 4096, 1);

        try (DuckDbOfflineEngine engine = new DuckDbOfflineEngine(store, settings)) {
            List<Row> rows = new ArrayList<>();
            engine.retrieve(retrieval, batch -> rows.addAll(batch.rows()), EngineListener.NONE);
            List<Row> expected = PointInTimeOracle.retrieve(entities, "event_timestamp",
                    List.of(new ViewData(unlimited, sourceRows), new ViewData(day, sourceRows)), retrieval.outputSchema());
            assertSameRows(rows, expected, "retrieval");

            LatestQuery query = new LatestQuery(unlimited, START.plus(10, ChronoUnit.DAYS), START.plus(20, ChronoUnit.DAYS));
            List<Row> latest = new ArrayList<>();
            engine.latest(query, batch -> latest.addAll(batch.rows()), EngineListener.NONE);
            assertSameRows(sorted(latest), sorted(PointInTimeOracle.latest(query, sourceRows)), "latest");
        }
    }

    /** Rows of {@code drivers} drivers at minute resolution; no two share driver, event and created timestamp. */
    private static List<Row> sourceRows(Random random, int count, int drivers) {
        Set<List<Object>> seen = new HashSet<>();
        List<Row> rows = new ArrayList<>(count);
        while (rows.size() < count) {
            long driver = random.nextInt(drivers);
            Instant event = START.plus(random.nextInt(MINUTES), ChronoUnit.MINUTES);
            Instant created = random.nextInt(5) == 0 ? null : START.plus(random.nextInt(1_000), ChronoUnit.SECONDS);
            if (seen.add(Arrays.asList(driver, event, created))) {
                rows.add(Row.of(SOURCE, driver, event, created, random.nextInt(20) == 0 ? null : random.nextDouble(), (long) random.nextInt(100)));
            }
        }
        return rows;
    }

    private static ViewRead view(StorageUri source, Duration ttl) {
        return new ViewRead("driver_" + ttl, source, "event_timestamp", Optional.of("created"), List.of(new KeyColumn("driver_id", "driver_id", INT64)),
                List.of(new FeatureColumn("conv", "conv", FLOAT64), new FeatureColumn("trips", "trips", INT64)), ttl);
    }

    private static void assertSameRows(List<Row> actual, List<Row> expected, String what) {
        assertThat(actual).as("%s of seed %d", what, SEED).hasSize(expected.size());
        for (int index = 0; index < expected.size(); index++) {
            if (!actual.get(index).equals(expected.get(index))) {
                assertThat(actual.get(index)).as("%s of seed %d, row %d", what, SEED, index).isEqualTo(expected.get(index));
            }
        }
    }

    private static List<Row> sorted(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparing(row -> (Long) row.get(0))).toList();
    }
}
