package dev.featurestore.historical.api;

import static dev.featurestore.contracts.definition.ValueType.FLOAT32;
import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT32;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.offlinestore.RowSchema.column;

import dev.featurestore.offlinestore.ObjectStore;
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
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random data for two feature views with different keys and TTLs, written as Parquet (several files, small
 * row groups), with deliberate event-timestamp ties (broken by distinct created timestamps), null values,
 * entity keys absent from the sources, entity timestamps before any value and duplicate entity rows.
 */
public final class RandomJoinData {
    public static final RowSchema DRIVER_SCHEMA = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP),
            column("created", UNIX_TIMESTAMP), column("conv", FLOAT64), column("trips", INT64));
    public static final RowSchema ROUTE_SCHEMA = RowSchema.of(column("origin", STRING), column("destination", INT32),
            column("ts", UNIX_TIMESTAMP), column("speed", FLOAT32));
    public static final RowSchema ENTITY_SCHEMA = RowSchema.of(column("driver_id", INT64), column("origin", STRING), column("destination", INT32),
            column("event_timestamp", UNIX_TIMESTAMP), column("row_number", INT64), column("label", FLOAT64));
    public static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    public final List<Row> driverRows = new ArrayList<>();
    public final List<Row> routeRows = new ArrayList<>();
    public final List<Row> entityRows = new ArrayList<>();
    public final Duration driverTtl;
    public final Duration routeTtl = Duration.ofMinutes(90);
    public final Path driverDirectory;
    public final Path routeDirectory;
    public final Path entityFile;

    public RandomJoinData(long seed, Path directory, ObjectStore store, int drivers, int sourceRows, int entityRowCount) {
        Random random = new Random(seed);
        driverTtl = random.nextBoolean() ? Duration.ZERO : Duration.ofHours(3);
        long windowMinutes = 2 * 24 * 60;
        long uniqueness = 0;
        for (int index = 0; index < sourceRows; index++) {
            long driver = 1 + random.nextInt(drivers);
            // Minute resolution over few minutes per driver: many equal event timestamps.
            Instant event = START.plus(random.nextInt((int) windowMinutes / 30) * 30L, ChronoUnit.MINUTES);
            Instant created = event.plus(random.nextInt(600), ChronoUnit.SECONDS).plus(uniqueness++, ChronoUnit.MICROS);
            Double conv = random.nextInt(20) == 0 ? null : random.nextDouble();
            Long trips = random.nextInt(10) == 0 ? null : (long) random.nextInt(50);
            driverRows.add(Row.of(DRIVER_SCHEMA, driver, event, created, conv, trips));
        }
        String[] zones = {"north", "south", "east", "west", "centre"};
        Set<String> seen = new HashSet<>();
        while (routeRows.size() < sourceRows / 2) {
            String origin = zones[random.nextInt(zones.length)];
            int destination = random.nextInt(6);
            // Routes have no created timestamp: one value per route and time, so no ties to break.
            Instant time = START.plus(random.nextInt((int) windowMinutes), ChronoUnit.MINUTES).plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
            if (seen.add(origin + destination + time)) {
                routeRows.add(Row.of(ROUTE_SCHEMA, origin, destination, time, random.nextInt(15) == 0 ? null : random.nextFloat() * 100));
            }
        }
        for (int index = 0; index < entityRowCount; index++) {
            if (index > 0 && random.nextInt(25) == 0) {
                Row previous = entityRows.get(index - 1);
                entityRows.add(Row.of(ENTITY_SCHEMA, previous.get(0), previous.get(1), previous.get(2), previous.get(3), (long) index, random.nextDouble()));
                continue;
            }
            Long driver = random.nextInt(50) == 0 ? null : (long) 1 + random.nextInt(drivers + drivers / 10 + 1);
            String origin = zones[random.nextInt(zones.length)];
            Integer destination = random.nextInt(7);
            // From an hour before the first value to an hour after the last; ties with source times on purpose.
            Instant time = random.nextBoolean()
                    ? START.plus(random.nextInt((int) windowMinutes / 30) * 30L, ChronoUnit.MINUTES)
                    : START.minus(1, ChronoUnit.HOURS).plus(random.nextInt((int) windowMinutes + 120), ChronoUnit.MINUTES)
                            .plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
            entityRows.add(Row.of(ENTITY_SCHEMA, driver, origin, destination, time, (long) index, random.nextDouble()));
        }

        driverDirectory = directory.resolve("driver_stats");
        routeDirectory = directory.resolve("route_traffic");
        entityFile = directory.resolve("entities.parquet");
        ParquetWriteOptions smallGroups = ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(500);
        writeFiles(store, driverDirectory, DRIVER_SCHEMA, driverRows, 3, smallGroups);
        writeFiles(store, routeDirectory, ROUTE_SCHEMA, routeRows, 2, smallGroups);
        ParquetRowWriter.writeAll(store, StorageUri.of(entityFile), ENTITY_SCHEMA, entityRows, smallGroups);
    }

    private static void writeFiles(ObjectStore store, Path directory, RowSchema schema, List<Row> rows, int files, ParquetWriteOptions options) {
        int per = (rows.size() + files - 1) / files;
        for (int file = 0; file < files; file++) {
            List<Row> part = rows.subList(Math.min(rows.size(), file * per), Math.min(rows.size(), (file + 1) * per));
            ParquetRowWriter.writeAll(store, StorageUri.of(directory.resolve("part-%d.parquet".formatted(file))), schema, part, options);
        }
    }

    public List<List<Object>> bruteForce() {
        List<List<Object>> expected = new ArrayList<>();
        for (Row entity : entityRows) {
            Instant time = entity.getInstant("event_timestamp");
            List<Object> values = new ArrayList<>(entity.values());
            Row driver = null;
            for (Row candidate : driverRows) {
                Instant event = candidate.getInstant("event_timestamp");
                if (!candidate.get("driver_id").equals(entity.get("driver_id")) || event.isAfter(time)
                        || (!driverTtl.isZero() && event.isBefore(time.minus(driverTtl)))) {
                    continue;
                }
                if (driver == null || event.isAfter(driver.getInstant("event_timestamp"))
                        || (event.equals(driver.getInstant("event_timestamp")) && candidate.getInstant("created").isAfter(driver.getInstant("created")))) {
                    driver = candidate;
                }
            }
            values.add(driver == null ? null : driver.get("conv"));
            values.add(driver == null ? null : driver.get("trips"));
            Row route = null;
            for (Row candidate : routeRows) {
                Instant event = candidate.getInstant("ts");
                if (!candidate.get("origin").equals(entity.get("origin")) || !candidate.get("destination").equals(entity.get("destination"))
                        || event.isAfter(time) || event.isBefore(time.minus(routeTtl))) {
                    continue;
                }
                if (route == null || event.isAfter(route.getInstant("ts"))) {
                    route = candidate;
                }
            }
            values.add(route == null ? null : route.get("speed"));
            expected.add(values);
        }
        return expected;
    }
}
