package dev.featurestore.offlineengine;

import static dev.featurestore.contracts.definition.ValueType.FLOAT32;
import static dev.featurestore.contracts.definition.ValueType.FLOAT32_LIST;
import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT32;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.INT64_LIST;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static dev.featurestore.contracts.definition.ValueType.STRING_LIST;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.offlinestore.RowSchema.column;

import dev.featurestore.offlineengine.PointInTimeOracle.ViewData;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Random sources of three feature views and random entity rows, written to an object store, with what
 * {@link PointInTimeOracle} needs to compute the expected result.
 *
 * <ul>
 *   <li>{@code driver_hourly}: key {@code driver} (INT32 in the entity rows, INT64 column {@code driver_id} in the
 *       files), created timestamps (a fifth missing), features through field_mapping ({@code conv} from
 *       {@code conv_rate}) and an INT32 feature read from an INT64 column; three files, the last without the
 *       {@code trips} column; a few rows without key or event timestamp; ttl zero or 2 hours.
 *   <li>{@code route_traffic}: composite key (STRING, INT32; INT64 in the entity rows), no created timestamp (so
 *       keys and event timestamps never repeat), a STRING_LIST feature; ttl 90 minutes.
 *   <li>{@code customer_profile}: STRING key, hive-partitioned by day ({@code date=2026-03-01/part-0.parquet}),
 *       the partition read as a feature, a FLOAT32_LIST feature and a FLOAT64 feature from a FLOAT32 column; ttl 1 day.
 * </ul>
 *
 * Keys come from small domains and event timestamps from a 30-minute grid, so entity rows match many source rows
 * and event timestamps tie often; no two rows of a view share keys, event and created timestamp (the pick among
 * such full duplicates is unspecified). Entity rows lie on the grid (ties with event timestamps), exactly a view's
 * ttl after a grid point (at the edge) or one microsecond past it, anywhere in between, or before any source row;
 * some have null keys and some repeat the row before them.
 */
final class RandomFeatureData {
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(30);
    static final int STEPS = 96;
    static final RowSchema ENTITY_SCHEMA = RowSchema.of(column("driver", INT32), column("origin", STRING), column("destination", INT64),
            column("customer", STRING), column("event_timestamp", UNIX_TIMESTAMP), column("row_number", INT64), column("label", STRING),
            column("extra", INT64_LIST));

    private static final RowSchema DRIVER_FILE = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP),
            column("created", UNIX_TIMESTAMP), column("conv_rate", FLOAT64), column("trips", INT64));
    private static final RowSchema DRIVER_FILE_WITHOUT_TRIPS = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP),
            column("created", UNIX_TIMESTAMP), column("conv_rate", FLOAT64));
    private static final RowSchema ROUTE_FILE = RowSchema.of(column("origin", STRING), column("destination", INT32), column("ts", UNIX_TIMESTAMP),
            column("speed", FLOAT32), column("tags", STRING_LIST));
    private static final RowSchema CUSTOMER_FILE = RowSchema.of(column("customer", STRING), column("event_ts", UNIX_TIMESTAMP),
            column("created_at", UNIX_TIMESTAMP), column("embedding", FLOAT32_LIST), column("balance", FLOAT32));
    /** A customer row as the scan sees it: the file's columns and the partition. */
    private static final RowSchema CUSTOMER_ROW = RowSchema.of(column("customer", STRING), column("event_ts", UNIX_TIMESTAMP),
            column("created_at", UNIX_TIMESTAMP), column("embedding", FLOAT32_LIST), column("balance", FLOAT32), column("date", STRING));
    private static final String[] ZONES = {"north", "south", "east", "west"};
    private static final ParquetWriteOptions SMALL_ROW_GROUPS = ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(100);

    final long seed;
    final List<ViewData> views;
    final List<Row> entities = new ArrayList<>();
    private final Random random;

    /**
     * @param prefix an empty prefix of {@code store} to write the sources below
     * @param sourceRows rows of the driver view; the others get about half as many
     */
    RandomFeatureData(long seed, ObjectStore store, StorageUri prefix, int sourceRows, int entityRows) {
        this.seed = seed;
        this.random = new Random(seed);
        Duration driverTtl = random.nextBoolean() ? Duration.ZERO : Duration.ofHours(2);
        ViewRead driver = new ViewRead("driver_hourly", prefix.resolve("driver/"), "event_timestamp", Optional.of("created"),
                List.of(new KeyColumn("driver", "driver_id", INT64)),
                List.of(new FeatureColumn("conv_rate", "conv", FLOAT64), new FeatureColumn("trips", "trips", INT32)), driverTtl);
        ViewRead route = new ViewRead("route_traffic", prefix.resolve("route/"), "ts", Optional.empty(),
                List.of(new KeyColumn("origin", "origin", STRING), new KeyColumn("destination", "destination", INT32)),
                List.of(new FeatureColumn("speed", "speed", FLOAT32), new FeatureColumn("tags", "tags", STRING_LIST)), Duration.ofMinutes(90));
        ViewRead customer = new ViewRead("customer_profile", prefix.resolve("customer/"), "event_ts", Optional.of("created_at"),
                List.of(new KeyColumn("customer", "customer", STRING)),
                List.of(new FeatureColumn("embedding", "embedding", FLOAT32_LIST), new FeatureColumn("balance", "balance", FLOAT64),
                        new FeatureColumn("date", "day", STRING)), Duration.ofDays(1));
        views = List.of(
                new ViewData(driver, writeDriverRows(store, driver.source(), sourceRows)),
                new ViewData(route, writeRouteRows(store, route.source(), sourceRows / 2)),
                new ViewData(customer, writeCustomerRows(store, customer.source(), sourceRows / 2)));
        for (int index = 0; index < entityRows; index++) {
            entities.add(entityRow(index));
        }
    }

    List<ViewRead> viewReads() {
        return views.stream().map(ViewData::view).toList();
    }

    /** A random grid point of the window: where source event timestamps lie. */
    Instant gridPoint() {
        return START.plus(STEP.multipliedBy(random.nextInt(STEPS)));
    }

    private List<Row> writeDriverRows(ObjectStore store, StorageUri source, int count) {
        Set<List<Object>> seen = new HashSet<>();
        List<Row> rows = new ArrayList<>();
        while (rows.size() < count) {
            Long driver = random.nextInt(60) == 0 ? null : (long) random.nextInt(12);
            Instant event = random.nextInt(50) == 0 ? null : gridPoint();
            Instant created = random.nextInt(5) == 0 ? null : START.plus(random.nextInt(120), ChronoUnit.MINUTES);
            if (!seen.add(Arrays.asList(driver, event, created))) {
                continue;
            }
            Double conv = random.nextInt(12) == 0 ? null : random.nextInt(1000) / 8.0;
            Long trips = random.nextInt(10) == 0 ? null : (long) random.nextInt(50);
            rows.add(Row.of(DRIVER_FILE, driver, event, created, conv, trips));
        }
        int third = count / 3;
        write(store, source.resolve("part-0.parquet"), DRIVER_FILE, rows.subList(0, third));
        write(store, source.resolve("part-1.parquet"), DRIVER_FILE, rows.subList(third, 2 * third));
        // The last file was written before the trips column was added: its rows read null trips.
        List<Row> withoutTrips = new ArrayList<>();
        for (Row row : rows.subList(2 * third, count)) {
            withoutTrips.add(Row.of(DRIVER_FILE_WITHOUT_TRIPS, row.get(0), row.get(1), row.get(2), row.get(3)));
        }
        write(store, source.resolve("part-2.parquet"), DRIVER_FILE_WITHOUT_TRIPS, withoutTrips);
        List<Row> asRead = new ArrayList<>(rows.subList(0, 2 * third));
        asRead.addAll(withoutTrips);
        return asRead;
    }

    private List<Row> writeRouteRows(ObjectStore store, StorageUri source, int count) {
        Set<List<Object>> seen = new HashSet<>();
        List<Row> rows = new ArrayList<>();
        while (rows.size() < count) {
            String origin = ZONES[random.nextInt(ZONES.length)];
            int destination = random.nextInt(5);
            Instant event = gridPoint();
            if (!seen.add(List.of(origin, destination, event))) {
                continue;
            }
            Float speed = random.nextInt(15) == 0 ? null : random.nextInt(10_000) / 16f;
            List<String> tags = switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> List.of();
                case 2 -> Arrays.asList("slow", null);
                default -> List.of("tag-" + random.nextInt(9), "busy");
            };
            rows.add(Row.of(ROUTE_FILE, origin, destination, event, speed, tags));
        }
        int half = count / 2;
        // the second half first: the files' order is not the rows' order
        write(store, source.resolve("part-0.parquet"), ROUTE_FILE, rows.subList(half, count));
        write(store, source.resolve("part-1.parquet"), ROUTE_FILE, rows.subList(0, half));
        return rows;
    }

    private List<Row> writeCustomerRows(ObjectStore store, StorageUri source, int count) {
        Set<List<Object>> seen = new HashSet<>();
        Map<String, List<Row>> byDay = new LinkedHashMap<>();
        List<Row> asRead = new ArrayList<>();
        while (asRead.size() < count) {
            String customer = "c" + random.nextInt(10);
            Instant event = gridPoint();
            Instant created = random.nextInt(4) == 0 ? null : START.plus(random.nextInt(30), ChronoUnit.MINUTES);
            if (!seen.add(Arrays.asList(customer, event, created))) {
                continue;
            }
            List<Float> embedding = random.nextInt(8) == 0 ? null
                    : Arrays.asList(random.nextInt(100) / 4f, random.nextInt(10) == 0 ? null : -random.nextInt(100) / 8f);
            Float balance = random.nextInt(9) == 0 ? null : random.nextInt(100_000) / 32f;
            String day = LocalDate.ofInstant(event, ZoneOffset.UTC).toString();
            byDay.computeIfAbsent(day, ignored -> new ArrayList<>()).add(Row.of(CUSTOMER_FILE, customer, event, created, embedding, balance));
            asRead.add(Row.of(CUSTOMER_ROW, customer, event, created, embedding, balance, day));
        }
        byDay.forEach((day, rows) -> {
            int half = rows.size() / 2;
            write(store, source.resolve("date=%s/part-0.parquet".formatted(day)), CUSTOMER_FILE, rows.subList(0, half));
            write(store, source.resolve("date=%s/part-1.parquet".formatted(day)), CUSTOMER_FILE, rows.subList(half, rows.size()));
        });
        return asRead;
    }

    private Row entityRow(int index) {
        if (index > 0 && random.nextInt(25) == 0) {
            // the row before again: each gets its own result
            Row previous = entities.get(index - 1);
            List<Object> values = new ArrayList<>(previous.values());
            values.set(ENTITY_SCHEMA.requireIndex("row_number"), (long) index);
            return new Row(ENTITY_SCHEMA, values);
        }
        Integer driver = random.nextInt(30) == 0 ? null : random.nextInt(14);
        String origin = random.nextInt(30) == 0 ? null : ZONES[random.nextInt(ZONES.length)];
        Long destination = (long) random.nextInt(6);
        String customer = "c" + random.nextInt(11);
        Instant time = entityTime();
        String label = random.nextInt(10) == 0 ? null : "label-" + random.nextInt(1000);
        List<Long> extra = random.nextInt(6) == 0 ? null : List.of((long) index, (long) random.nextInt());
        return Row.of(ENTITY_SCHEMA, driver, origin, destination, customer, time, (long) index, label, extra);
    }

    private Instant entityTime() {
        int kind = random.nextInt(8);
        if (kind == 0) {
            return START.minus(1 + random.nextInt(180), ChronoUnit.MINUTES);
        }
        if (kind <= 3) {
            return START.plus(STEP.multipliedBy(random.nextInt(STEPS + 4)));
        }
        if (kind <= 6) {
            // at a view's ttl edge from a grid point, or one microsecond past it
            Duration ttl = views.get(random.nextInt(views.size())).view().ttl();
            return gridPoint().plus(ttl).plus(kind == 6 ? 1 : 0, ChronoUnit.MICROS);
        }
        return START.plus(random.nextInt(STEPS * 30 * 60), ChronoUnit.SECONDS).plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
    }

    private static void write(ObjectStore store, StorageUri uri, RowSchema schema, List<Row> rows) {
        ParquetRowWriter.writeAll(store, uri, schema, rows, SMALL_ROW_GROUPS);
    }
}
