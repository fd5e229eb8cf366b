package dev.featurestore.bench;

import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.offlinestore.RowSchema.column;
import static java.util.Objects.requireNonNull;

import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The benchmark's Parquet files, generated once (seeded) into a cache directory and reused while its marker
 * names the same generation. Sources are written in several files each; rows are in random key order within a
 * file, as appended by a daily job.
 *
 * <ul>
 *   <li>{@code entities/}: 1M entity rows: driver_id (1..1.1M, 10 % unknown to the sources), customer_id
 *       (1..200k), zone_id (1..1000), event_timestamp (half on a full hour, tying with source event times, half
 *       with random microseconds; 2026-10-02 to 2026-10-31), label.</li>
 *   <li>{@code driver_1m/} and {@code driver_10m/}: driver_id over 1M drivers, event_timestamp on full hours over
 *       30 days, created, f1..f5 FLOAT64 (1 % null in f1). A quarter of the rows are corrections: same driver and
 *       event timestamp as the row before, later created timestamp (deliberate ties).</li>
 *   <li>{@code customer/}: 2M rows over 200k customers, daily event timestamps (midnight), created, c1..c5, 10 %
 *       corrections.</li>
 *   <li>{@code zone/}: 1000 zones x 720 hours, one row per zone and hour at a random minute (no created column, no
 *       ties), z1..z5.</li>
 *   <li>{@code feast/}: the feast #3003 shape: 17k entity rows (user_id over 20k users), ten views
 *       {@code view_0..9} of 100k rows each (20k users x 5 days at random), user_id, event_timestamp, created,
 *       100 FLOAT64 features {@code v<i>_f<k>} in thousandths.</li>
 * </ul>
 */
final class HistoricalData {
    static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    static final int HOURS = 30 * 24;
    static final int DRIVERS = 1_000_000;
    static final int ENTITY_ROWS = 1_000_000;
    static final int CUSTOMERS = 200_000;
    static final int ZONES = 1000;
    static final int FEAST_USERS = 20_000;
    static final int FEAST_ENTITY_ROWS = 17_000;
    static final int FEAST_VIEWS = 10;
    static final int FEAST_FEATURES = 100;
    static final int FEAST_VIEW_ROWS = 100_000;
    /** Changes whenever the generated data changes: an old cache is then regenerated. */
    private static final String GENERATION = "historical-data v1 seed 20261121";
    private static final ParquetWriteOptions WRITE_OPTIONS = ParquetWriteOptions.DEFAULTS;

    static final RowSchema ENTITY_SCHEMA = RowSchema.of(column("driver_id", INT64), column("customer_id", INT64), column("zone_id", INT64),
            column("event_timestamp", UNIX_TIMESTAMP), column("label", FLOAT64));
    static final RowSchema DRIVER_SCHEMA = sourceSchema("driver_id", true, "f", 5);
    static final RowSchema CUSTOMER_SCHEMA = sourceSchema("customer_id", true, "c", 5);
    static final RowSchema ZONE_SCHEMA = sourceSchema("zone_id", false, "z", 5);
    static final RowSchema FEAST_ENTITY_SCHEMA = RowSchema.of(column("user_id", INT64), column("event_timestamp", UNIX_TIMESTAMP),
            column("label", FLOAT64));

    private final Path directory;
    private final LocalObjectStore store = new LocalObjectStore();

    HistoricalData(Path directory) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
    }

    Path directory() {
        return directory;
    }

    Path entities() {
        return directory.resolve("entities").resolve("entities.parquet");
    }

    Path source(String name) {
        return directory.resolve(name);
    }

    Path feastEntities() {
        return directory.resolve("feast").resolve("entities.parquet");
    }

    Path feastView(int view) {
        return directory.resolve("feast").resolve("view_%d".formatted(view));
    }

    static RowSchema feastViewSchema(int view) {
        return sourceSchema("user_id", true, "v%d_f".formatted(view), FEAST_FEATURES);
    }

    /** Generates the files unless the cache holds this generation already; returns the seconds spent. */
    double ensureGenerated() {
        Path marker = directory.resolve("COMPLETE");
        try {
            if (Files.exists(marker) && Files.readString(marker).equals(GENERATION)) {
                return 0;
            }
            long started = System.nanoTime();
            deleteRecursively(directory);
            Files.createDirectories(directory);
            generate();
            Files.writeString(marker, GENERATION);
            return (System.nanoTime() - started) / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the data in %s".formatted(directory), e);
        }
    }

    long bytes(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void generate() {
        writeEntities(new Random(1));
        writeDrivers(source("driver_1m"), 1_000_000, 4, new Random(2));
        writeDrivers(source("driver_10m"), 10_000_000, 10, new Random(3));
        writeCustomers(new Random(4));
        writeZones(new Random(5));
        writeFeast(new Random(6));
    }

    private void writeEntities(Random random) {
        try (ParquetRowWriter writer = ParquetRowWriter.create(store, StorageUri.of(entities()), ENTITY_SCHEMA, WRITE_OPTIONS)) {
            for (int row = 0; row < ENTITY_ROWS; row++) {
                long driver = 1 + random.nextInt(DRIVERS + DRIVERS / 10);
                long customer = 1 + random.nextInt(CUSTOMERS);
                long zone = 1 + random.nextInt(ZONES);
                writer.write(Row.of(ENTITY_SCHEMA, driver, customer, zone, entityTimestamp(random), random.nextDouble()));
            }
            writer.commit();
        }
    }

    /** From the second day to the end of the window: on a full hour (ties) or anywhere in it. */
    private static Instant entityTimestamp(Random random) {
        Instant hour = START.plus(Duration.ofHours(24 + random.nextInt(HOURS - 24)));
        return random.nextBoolean() ? hour : hour.plusNanos(1000L * random.nextLong(3_600_000_000L));
    }

    private void writeDrivers(Path target, int rows, int files, Random random) {
        int perFile = rows / files;
        long uniqueness = 0;
        for (int file = 0; file < files; file++) {
            try (ParquetRowWriter writer = ParquetRowWriter.create(store, StorageUri.of(target.resolve("part-%02d.parquet".formatted(file))),
                    DRIVER_SCHEMA, WRITE_OPTIONS)) {
                long driver = 0;
                Instant event = START;
                Instant created = START;
                for (int row = 0; row < perFile; row++) {
                    if (row == 0 || random.nextInt(4) != 0) {
                        driver = 1 + random.nextInt(DRIVERS);
                        event = START.plus(Duration.ofHours(random.nextInt(HOURS)));
                        created = event.plusSeconds(random.nextInt(3600)).plusNanos(1000 * (uniqueness++ % 1_000_000));
                    } else {
                        // A correction of the row before: same key and event time, created later.
                        created = created.plusSeconds(1 + random.nextInt(600));
                    }
                    Double f1 = random.nextInt(100) == 0 ? null : random.nextDouble();
                    writer.write(Row.of(DRIVER_SCHEMA, driver, event, created, f1, random.nextDouble(), random.nextDouble(), random.nextDouble(),
                            random.nextDouble()));
                }
                writer.commit();
            }
        }
    }

    private void writeCustomers(Random random) {
        int files = 2;
        int perFile = 1_000_000;
        long uniqueness = 0;
        for (int file = 0; file < files; file++) {
            try (ParquetRowWriter writer = ParquetRowWriter.create(store, StorageUri.of(source("customer").resolve("part-%02d.parquet".formatted(file))),
                    CUSTOMER_SCHEMA, WRITE_OPTIONS)) {
                long customer = 0;
                Instant event = START;
                Instant created = START;
                for (int row = 0; row < perFile; row++) {
                    if (row == 0 || random.nextInt(10) != 0) {
                        customer = 1 + random.nextInt(CUSTOMERS);
                        event = START.plus(Duration.ofDays(random.nextInt(30)));
                        created = event.plusSeconds(random.nextInt(7200)).plusNanos(1000 * (uniqueness++ % 1_000_000));
                    } else {
                        created = created.plusSeconds(1 + random.nextInt(600));
                    }
                    writer.write(Row.of(CUSTOMER_SCHEMA, customer, event, created, random.nextDouble(), random.nextDouble(), random.nextDouble(),
                            random.nextDouble(), random.nextDouble()));
                }
                writer.commit();
            }
        }
    }

    private void writeZones(Random random) {
        int files = 2;
        int hoursPerFile = HOURS / files;
        for (int file = 0; file < files; file++) {
            try (ParquetRowWriter writer = ParquetRowWriter.create(store, StorageUri.of(source("zone").resolve("part-%02d.parquet".formatted(file))),
                    ZONE_SCHEMA, WRITE_OPTIONS)) {
                for (int hour = file * hoursPerFile; hour < (file + 1) * hoursPerFile; hour++) {
                    for (long zone = 1; zone <= ZONES; zone++) {
                        Instant event = START.plus(Duration.ofHours(hour)).plusSeconds(random.nextInt(3600));
                        writer.write(Row.of(ZONE_SCHEMA, zone, event, random.nextDouble(), random.nextDouble(), random.nextDouble(),
                                random.nextDouble(), random.nextDouble()));
                    }
                }
                writer.commit();
            }
        }
    }

    private void writeFeast(Random random) {
        try (ParquetRowWriter writer = ParquetRowWriter.create(store, StorageUri.of(feastEntities()), FEAST_ENTITY_SCHEMA, WRITE_OPTIONS)) {
            for (int row = 0; row < FEAST_ENTITY_ROWS; row++) {
                writer.write(Row.of(FEAST_ENTITY_SCHEMA, (long) 1 + random.nextInt(FEAST_USERS), entityTimestamp(random), random.nextDouble()));
            }
            writer.commit();
        }
        long uniqueness = 0;
        for (int view = 0; view < FEAST_VIEWS; view++) {
            RowSchema schema = feastViewSchema(view);
            int files = 2;
            for (int file = 0; file < files; file++) {
                try (ParquetRowWriter writer = ParquetRowWriter.create(store, StorageUri.of(feastView(view).resolve("part-%02d.parquet".formatted(file))),
                        schema, WRITE_OPTIONS)) {
                    long user = 0;
                    Instant event = START;
                    Instant created = START;
                    for (int row = 0; row < FEAST_VIEW_ROWS / files; row++) {
                        if (row == 0 || random.nextInt(10) != 0) {
                            user = 1 + random.nextInt(FEAST_USERS);
                            event = START.plus(Duration.ofDays(random.nextInt(30)));
                            created = event.plusSeconds(random.nextInt(7200)).plusNanos(1000 * (uniqueness++ % 1_000_000));
                        } else {
                            created = created.plusSeconds(1 + random.nextInt(600));
                        }
                        Object[] values = new Object[schema.size()];
                        values[0] = user;
                        values[1] = event;
                        values[2] = created;
                        for (int feature = 3; feature < values.length; feature++) {
                            values[feature] = random.nextInt(1000) / 1000.0;
                        }
                        writer.write(Row.of(schema, values));
                    }
                    writer.commit();
                }
            }
        }
    }

    /** key, event_timestamp, created (when {@code created}), then {@code count} FLOAT64 features {@code prefix1..}. */
    private static RowSchema sourceSchema(String key, boolean created, String prefix, int count) {
        List<Column> columns = new ArrayList<>();
        columns.add(column(key, INT64));
        columns.add(column("event_timestamp", UNIX_TIMESTAMP));
        if (created) {
            columns.add(column("created", UNIX_TIMESTAMP));
        }
        int first = prefix.endsWith("_f") ? 0 : 1;
        for (int index = 0; index < count; index++) {
            columns.add(column(prefix + (first + index), FLOAT64));
        }
        return new RowSchema(columns);
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
