package dev.featurestore.examples;

import static dev.featurestore.offlinestore.RowSchema.column;
import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Demo data for the example feature repository ({@code examples/feature_repo}): realistic, seeded Parquet
 * for its four Parquet sources and a file of entity rows (ride orders with a label) to train on. The
 * same settings write the same rows.
 *
 * <p>Layout below the root (by default {@value #DEFAULT_ROOT}), one hive partition per UTC day of the
 * event timestamp:
 *
 * <pre>
 * driver_stats/date=YYYY-MM-DD/part-00000.parquet      hourly statistics of the drivers on shift
 * driver_stats/date=YYYY-MM-DD/part-00001.parquet      late corrections: same event_timestamp, later created
 * driver_status/date=YYYY-MM-DD/part-00000.parquet     status of the drivers on shift, every 30 minutes
 * customer_profile/date=YYYY-MM-DD/part-00000.parquet  one snapshot per customer and day, at 02:00 UTC
 * route_traffic/date=YYYY-MM-DD/part-00000.parquet     every 15 minutes per zone pair, 00:00-11:45
 * route_traffic/date=YYYY-MM-DD/part-00001.parquet     the same, 12:00-23:45
 * entity_rows/ride_orders.parquet                      ride orders over the history, with the label 'completed'
 * </pre>
 *
 * <p>Nothing is dated after {@code now} (neither event nor created timestamps); the history is
 * {@code [now - days, now]}.
 */
public final class DemoData {
    public static final String DEFAULT_ROOT = "s3://featurestore/examples/";
    public static final long DEFAULT_SEED = 20_261_121L;

    public static final String DRIVER_STATS = "driver_stats/";
    public static final String DRIVER_STATUS = "driver_status/";
    public static final String CUSTOMER_PROFILE = "customer_profile/";
    public static final String ROUTE_TRAFFIC = "route_traffic/";
    public static final String RIDE_ORDERS = "entity_rows/ride_orders.parquet";

    /** The file column {@code conv} is the feature {@code conv_rate} (the source's field_mapping). */
    public static final RowSchema DRIVER_STATS_SCHEMA = RowSchema.of(
            column("driver_id", ValueType.INT64),
            column("event_timestamp", ValueType.UNIX_TIMESTAMP),
            column("created", ValueType.UNIX_TIMESTAMP),
            column("conv", ValueType.FLOAT64),
            column("acc_rate", ValueType.FLOAT64),
            column("avg_daily_trips", ValueType.INT64),
            column("trips_today", ValueType.INT64));

    /** The history of the kafka source {@code driver_status_stream} (its batch source {@code driver_status_src}). */
    public static final RowSchema DRIVER_STATUS_SCHEMA = RowSchema.of(
            column("driver_id", ValueType.INT64),
            column("event_timestamp", ValueType.UNIX_TIMESTAMP),
            column("on_shift", ValueType.BOOL),
            column("zone", ValueType.INT32),
            column("idle_minutes", ValueType.FLOAT64));

    public static final RowSchema CUSTOMER_PROFILE_SCHEMA = RowSchema.of(
            column("customer_id", ValueType.STRING),
            column("event_timestamp", ValueType.UNIX_TIMESTAMP),
            column("current_balance", ValueType.FLOAT32),
            column("lifetime_trips", ValueType.INT64),
            column("segment", ValueType.STRING),
            column("favourite_zones", ValueType.INT32_LIST));

    public static final RowSchema ROUTE_TRAFFIC_SCHEMA = RowSchema.of(
            column("origin_zone", ValueType.INT32),
            column("destination_zone", ValueType.INT32),
            column("event_timestamp", ValueType.UNIX_TIMESTAMP),
            column("avg_speed_kmh", ValueType.FLOAT64),
            column("congestion_level", ValueType.INT32));

    /** Entity rows: the join keys of driver, customer and route, the request data of ride_request, and a label. */
    public static final RowSchema RIDE_ORDERS_SCHEMA = RowSchema.of(
            column("event_timestamp", ValueType.UNIX_TIMESTAMP),
            column("order_id", ValueType.INT64),
            column("driver_id", ValueType.INT64),
            column("customer_id", ValueType.STRING),
            column("origin_zone", ValueType.INT32),
            column("destination_zone", ValueType.INT32),
            column("distance_km", ValueType.FLOAT64),
            column("passengers", ValueType.INT32),
            column("completed", ValueType.BOOL));

    public static final long FIRST_DRIVER_ID = 1001;
    private static final int ZONE_GRID_COLUMNS = 4;
    private static final String[] SEGMENTS = {"new", "occasional", "regular", "frequent"};
    private static final ParquetWriteOptions WRITE_OPTIONS = ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(2_000);

    private DemoData() {
    }

    /**
     * How much data, up to when.
     *
     * @param now the end of the history; nothing is dated after it
     * @param days length of the history
     * @param drivers driver ids {@value #FIRST_DRIVER_ID} and up
     * @param customers customer ids {@code C00001} and up
     * @param zones city zones 1..zones; route traffic for every ordered pair of distinct zones
     * @param entityRows ride orders in the entity-rows file
     * @param seed the same seed (and settings) writes the same rows
     */
    public record Settings(Instant now, int days, int drivers, int customers, int zones, int entityRows, long seed) {
        public Settings {
            requireNonNull(now, "now is null");
            now = now.truncatedTo(ChronoUnit.MILLIS);
            positive("days", days);
            positive("drivers", drivers);
            positive("customers", customers);
            positive("entityRows", entityRows);
            if (zones < 2) {
                throw new IllegalArgumentException("zones must be at least 2: %d".formatted(zones));
            }
        }

        /** 7 days, 300 drivers, 500 customers, 8 zones, 5,000 ride orders, seed {@value DemoData#DEFAULT_SEED}. */
        public static Settings defaults(Instant now) {
            return new Settings(now, 7, 300, 500, 8, 5_000, DEFAULT_SEED);
        }

        public Instant historyStart() {
            return now.minus(Duration.ofDays(days));
        }

        public Settings withSeed(long newSeed) {
            return new Settings(now, days, drivers, customers, zones, entityRows, newSeed);
        }

        public Settings withSize(int newDays, int newDrivers, int newCustomers, int newZones, int newEntityRows) {
            return new Settings(now, newDays, newDrivers, newCustomers, newZones, newEntityRows, seed);
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("%s must be positive: %d".formatted(name, value));
            }
        }
    }

    /** One object written, and its number of rows. */
    public record WrittenFile(StorageUri uri, long rows) {
        public WrittenFile {
            requireNonNull(uri, "uri is null");
        }
    }

    /** What {@link #write} wrote. */
    public record Summary(StorageUri root, Instant historyStart, Instant historyEnd, List<WrittenFile> files) {
        public Summary {
            requireNonNull(root, "root is null");
            requireNonNull(historyStart, "historyStart is null");
            requireNonNull(historyEnd, "historyEnd is null");
            files = List.copyOf(requireNonNull(files, "files is null"));
        }

        public long rows() {
            return files.stream().mapToLong(WrittenFile::rows).sum();
        }

        public String describe() {
            return "%d files, %,d rows, history %s .. %s, under %s".formatted(files.size(), rows(), historyStart, historyEnd, root);
        }
    }

    /**
     * Writes every file below {@code root} (e.g. {@code s3://featurestore/examples/}), replacing files of a
     * previous run with the same names.
     */
    public static Summary write(ObjectStore store, StorageUri root, Settings settings) {
        requireNonNull(store, "store is null");
        requireNonNull(root, "root is null");
        requireNonNull(settings, "settings is null");
        StorageUri prefix = root.asPrefix();
        List<Driver> drivers = drivers(settings);
        List<WrittenFile> files = new ArrayList<>();
        DriverStats driverStats = writeDriverStats(store, prefix.resolve(DRIVER_STATS), drivers, settings);
        files.addAll(driverStats.files());
        files.addAll(writeDriverStatus(store, prefix.resolve(DRIVER_STATUS), driverStats.shifts(), settings));
        files.addAll(writeCustomerProfiles(store, prefix.resolve(CUSTOMER_PROFILE), settings));
        files.addAll(writeRouteTraffic(store, prefix.resolve(ROUTE_TRAFFIC), settings));
        files.add(writeRideOrders(store, prefix.resolve(RIDE_ORDERS), drivers, settings));
        return new Summary(prefix, settings.historyStart(), settings.now(), files);
    }

    /** Writes the demo data with default settings and "now" into a local directory: {@code DemoData <directory> [now]}. */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: DemoData <directory> [now, e.g. 2026-11-21T12:00:00Z]");
            System.exit(2);
        }
        Instant now = args.length == 2 ? Instant.parse(args[1]) : Instant.now();
        try (ObjectStore store = new LocalObjectStore()) {
            Summary summary = write(store, StorageUri.of(Path.of(args[0])), Settings.defaults(now));
            System.out.println("Wrote " + summary.describe());
        }
    }

    // ---- drivers

    /** What stays the same about a driver over the history. */
    private record Driver(long id, double conversion, double acceptance, int dailyTrips, int shiftStartHour, int shiftHours) {
    }

    private static List<Driver> drivers(Settings settings) {
        Random random = new Random(settings.seed() ^ 0x5EED_D21AL);
        List<Driver> drivers = new ArrayList<>();
        for (int index = 0; index < settings.drivers(); index++) {
            drivers.add(new Driver(
                    FIRST_DRIVER_ID + index,
                    0.25 + 0.65 * random.nextDouble(),
                    0.70 + 0.28 * random.nextDouble(),
                    6 + random.nextInt(18),
                    random.nextInt(24),
                    6 + random.nextInt(7)));
        }
        return drivers;
    }

    /** A shift a driver worked (from {@code start}, for the driver's {@code shiftHours}), whether or not it lies inside the history. */
    private record Shift(Driver driver, Instant start) {
    }

    /** The driver statistics written, and the shifts they come from (the status history follows the same shifts). */
    private record DriverStats(List<WrittenFile> files, List<Shift> shifts) {
    }

    private static DriverStats writeDriverStats(ObjectStore store, StorageUri prefix, List<Driver> drivers, Settings settings) {
        Random random = new Random(settings.seed() ^ 0xD21_7E25L);
        Instant start = settings.historyStart();
        Instant now = settings.now();
        SortedMap<LocalDate, List<Row>> stats = new TreeMap<>();
        SortedMap<LocalDate, List<Row>> corrections = new TreeMap<>();
        List<Shift> shifts = new ArrayList<>();
        LocalDate firstShiftDay = date(start).minusDays(1);
        for (Driver driver : drivers) {
            long averageTrips = driver.dailyTrips();
            for (LocalDate day = firstShiftDay; !day.isAfter(date(now)); day = day.plusDays(1)) {
                averageTrips = Math.max(1, averageTrips + random.nextInt(3) - 1);
                if (random.nextDouble() < 0.15) {
                    continue; // a day off
                }
                long tripsToday = 0;
                Instant shiftStart = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(driver.shiftStartHour()));
                shifts.add(new Shift(driver, shiftStart));
                for (int hour = 1; hour <= driver.shiftHours(); hour++) {
                    Instant event = shiftStart.plus(Duration.ofHours(hour));
                    Instant created = event.plusSeconds(60 + random.nextInt(14 * 60));
                    tripsToday += random.nextInt(4);
                    double conversion = round(clamp(driver.conversion() + random.nextGaussian() * 0.06), 4);
                    double acceptance = round(clamp(driver.acceptance() + random.nextGaussian() * 0.04), 4);
                    double nullDraw = random.nextDouble();
                    double correctionDraw = random.nextDouble();
                    long correctionDelaySeconds = 3_600L + random.nextInt(5 * 3_600);
                    double correctionShift = random.nextGaussian() * 0.05;
                    if (event.isBefore(start) || created.isAfter(now)) {
                        continue;
                    }
                    stats.computeIfAbsent(date(event), key -> new ArrayList<>()).add(Row.of(DRIVER_STATS_SCHEMA,
                            driver.id(),
                            event,
                            created,
                            nullDraw < 0.004 ? null : conversion,
                            nullDraw >= 0.004 && nullDraw < 0.014 ? null : acceptance,
                            averageTrips,
                            nullDraw >= 0.014 && nullDraw < 0.02 ? null : tripsToday));
                    Instant corrected = created.plusSeconds(correctionDelaySeconds);
                    if (correctionDraw < 0.03 && !corrected.isAfter(now)) {
                        corrections.computeIfAbsent(date(event), key -> new ArrayList<>()).add(Row.of(DRIVER_STATS_SCHEMA,
                                driver.id(),
                                event,
                                corrected,
                                round(clamp(conversion + correctionShift), 4),
                                acceptance,
                                averageTrips,
                                tripsToday));
                    }
                }
            }
        }
        List<WrittenFile> files = new ArrayList<>();
        Comparator<Row> order = Comparator.comparing((Row row) -> row.getInstant("event_timestamp")).thenComparing(row -> row.getLong("driver_id"));
        stats.forEach((day, rows) -> files.add(writeFile(store, partition(prefix, day).resolve("part-00000.parquet"), DRIVER_STATS_SCHEMA, rows, order)));
        corrections.forEach((day, rows) -> files.add(writeFile(store, partition(prefix, day).resolve("part-00001.parquet"), DRIVER_STATS_SCHEMA, rows, order)));
        files.sort(Comparator.comparing(file -> file.uri().key()));
        return new DriverStats(files, shifts);
    }

    /**
     * A status every 30 minutes of each shift the driver statistics come from: on shift, in a zone (moving now and
     * then), idle for some minutes since the last ride; the last one, at the end of the shift, is off shift.
     */
    private static List<WrittenFile> writeDriverStatus(ObjectStore store, StorageUri prefix, List<Shift> shifts, Settings settings) {
        Random random = new Random(settings.seed() ^ 0x57A7_05E5L);
        Instant start = settings.historyStart();
        Instant now = settings.now();
        SortedMap<LocalDate, List<Row>> statuses = new TreeMap<>();
        for (Shift shift : shifts) {
            int zone = 1 + random.nextInt(settings.zones());
            int reports = shift.driver().shiftHours() * 2;
            for (int report = 1; report <= reports; report++) {
                Instant event = shift.start().plus(Duration.ofMinutes(30L * report));
                if (random.nextDouble() < 0.35) {
                    zone = 1 + random.nextInt(settings.zones());
                }
                double idleMinutes = round(-Math.log(1 - random.nextDouble()) * 8, 1);
                double nullDraw = random.nextDouble();
                if (event.isBefore(start) || event.isAfter(now)) {
                    continue;
                }
                statuses.computeIfAbsent(date(event), key -> new ArrayList<>()).add(Row.of(DRIVER_STATUS_SCHEMA,
                        shift.driver().id(),
                        event,
                        report < reports,
                        nullDraw < 0.005 ? null : zone,
                        nullDraw >= 0.005 && nullDraw < 0.01 ? null : idleMinutes));
            }
        }
        List<WrittenFile> files = new ArrayList<>();
        Comparator<Row> order = Comparator.comparing((Row row) -> row.getInstant("event_timestamp")).thenComparing(row -> row.getLong("driver_id"));
        statuses.forEach((day, rows) -> files.add(writeFile(store, partition(prefix, day).resolve("part-00000.parquet"), DRIVER_STATUS_SCHEMA, rows, order)));
        return files;
    }

    // ---- customers

    private static String customerId(int index) {
        return "C%05d".formatted(index + 1);
    }

    private static List<WrittenFile> writeCustomerProfiles(ObjectStore store, StorageUri prefix, Settings settings) {
        Random random = new Random(settings.seed() ^ 0xC057_0AE2L);
        // Favourite zones draw from their own generator, so they do not change the other columns.
        Random zoneRandom = new Random(settings.seed() ^ 0xFA7_201EL);
        Instant start = settings.historyStart();
        Instant now = settings.now();
        SortedMap<LocalDate, List<Row>> snapshots = new TreeMap<>();
        for (int index = 0; index < settings.customers(); index++) {
            double balance = round(random.nextDouble() * 150, 2);
            long lifetimeTrips = random.nextInt(400);
            double tripsPerDay = random.nextDouble() * 2.5;
            List<Integer> favourites = favouriteZones(zoneRandom, settings.zones());
            for (LocalDate day = date(start); !day.isAfter(date(now)); day = day.plusDays(1)) {
                lifetimeTrips += Math.round(tripsPerDay * random.nextDouble() * 2);
                balance = round(Math.max(0, balance + random.nextGaussian() * 12), 2);
                if (zoneRandom.nextDouble() < 0.05) {
                    favourites = favouriteZones(zoneRandom, settings.zones());
                }
                double draw = random.nextDouble();
                Instant snapshot = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(2));
                if (draw < 0.03 || snapshot.isBefore(start) || snapshot.isAfter(now)) {
                    continue; // the nightly export missed this customer, or outside the history
                }
                snapshots.computeIfAbsent(day, key -> new ArrayList<>()).add(Row.of(CUSTOMER_PROFILE_SCHEMA,
                        customerId(index),
                        snapshot,
                        draw < 0.05 ? null : (float) balance,
                        lifetimeTrips,
                        draw >= 0.05 && draw < 0.07 ? null : segment(lifetimeTrips, tripsPerDay),
                        draw >= 0.07 && draw < 0.08 ? null : favourites));
            }
        }
        List<WrittenFile> files = new ArrayList<>();
        Comparator<Row> order = Comparator.comparing(row -> row.getString("customer_id"));
        snapshots.forEach((day, rows) -> files.add(writeFile(store, partition(prefix, day).resolve("part-00000.parquet"), CUSTOMER_PROFILE_SCHEMA, rows, order)));
        return files;
    }

    /** Up to three distinct zones, most used first; a tenth of customers have none yet (an empty list). */
    private static List<Integer> favouriteZones(Random random, int zones) {
        int count = random.nextDouble() < 0.1 ? 0 : 1 + random.nextInt(Math.min(3, zones));
        List<Integer> favourites = new ArrayList<>();
        while (favourites.size() < count) {
            int zone = 1 + random.nextInt(zones);
            if (!favourites.contains(zone)) {
                favourites.add(zone);
            }
        }
        return List.copyOf(favourites);
    }

    private static String segment(long lifetimeTrips, double tripsPerDay) {
        if (lifetimeTrips < 20) {
            return SEGMENTS[0];
        }
        if (tripsPerDay < 0.5) {
            return SEGMENTS[1];
        }
        return tripsPerDay < 1.5 ? SEGMENTS[2] : SEGMENTS[3];
    }

    // ---- routes

    /** Zones 1..n lie on a grid of {@value #ZONE_GRID_COLUMNS} columns, about 3 km apart. */
    private static double zoneDistanceKm(int origin, int destination) {
        int dx = Math.abs((origin - 1) % ZONE_GRID_COLUMNS - (destination - 1) % ZONE_GRID_COLUMNS);
        int dy = Math.abs((origin - 1) / ZONE_GRID_COLUMNS - (destination - 1) / ZONE_GRID_COLUMNS);
        return 3.0 * (dx + dy);
    }

    private static List<WrittenFile> writeRouteTraffic(ObjectStore store, StorageUri prefix, Settings settings) {
        Random random = new Random(settings.seed() ^ 0x2047_E7AFL);
        Instant start = settings.historyStart();
        Instant now = settings.now();
        int zones = settings.zones();
        double[][] freeFlowSpeed = new double[zones + 1][zones + 1];
        for (int origin = 1; origin <= zones; origin++) {
            for (int destination = 1; destination <= zones; destination++) {
                freeFlowSpeed[origin][destination] = 28 + 6 * zoneDistanceKm(origin, destination) / 3.0 + random.nextDouble() * 8;
            }
        }
        SortedMap<LocalDate, List<Row>> mornings = new TreeMap<>();
        SortedMap<LocalDate, List<Row>> afternoons = new TreeMap<>();
        Instant first = start.truncatedTo(ChronoUnit.HOURS);
        for (Instant event = first; !event.isAfter(now); event = event.plus(Duration.ofMinutes(15))) {
            if (event.isBefore(start)) {
                continue;
            }
            int hour = event.atZone(ZoneOffset.UTC).getHour();
            double rush = hour >= 7 && hour < 10 ? 0.55 : hour >= 16 && hour < 19 ? 0.6 : hour >= 22 || hour < 5 ? 1.15 : 0.9;
            SortedMap<LocalDate, List<Row>> half = hour < 12 ? mornings : afternoons;
            for (int origin = 1; origin <= zones; origin++) {
                for (int destination = 1; destination <= zones; destination++) {
                    if (origin == destination) {
                        continue;
                    }
                    double speed = round(Math.max(4, freeFlowSpeed[origin][destination] * rush + random.nextGaussian() * 3), 1);
                    double ratio = speed / freeFlowSpeed[origin][destination];
                    int congestion = ratio > 0.95 ? 0 : ratio > 0.8 ? 1 : ratio > 0.65 ? 2 : ratio > 0.5 ? 3 : 4;
                    double draw = random.nextDouble();
                    half.computeIfAbsent(date(event), key -> new ArrayList<>()).add(Row.of(ROUTE_TRAFFIC_SCHEMA,
                            origin,
                            destination,
                            event,
                            draw < 0.01 ? null : speed,
                            draw < 0.004 ? null : congestion));
                }
            }
        }
        List<WrittenFile> files = new ArrayList<>();
        Comparator<Row> order = Comparator.comparing((Row row) -> row.getInstant("event_timestamp"));
        mornings.forEach((day, rows) -> files.add(writeFile(store, partition(prefix, day).resolve("part-00000.parquet"), ROUTE_TRAFFIC_SCHEMA, rows, order)));
        afternoons.forEach((day, rows) -> files.add(writeFile(store, partition(prefix, day).resolve("part-00001.parquet"), ROUTE_TRAFFIC_SCHEMA, rows, order)));
        files.sort(Comparator.comparing(file -> file.uri().key()));
        return files;
    }

    // ---- entity rows

    private static WrittenFile writeRideOrders(ObjectStore store, StorageUri uri, List<Driver> drivers, Settings settings) {
        Random random = new Random(settings.seed() ^ 0x0DE2_5EEDL);
        // Orders start a few hours into the history, so most rows find feature values.
        Instant from = settings.historyStart().plus(Duration.ofHours(Math.min(6, settings.days() * 24L / 4)));
        long spanMillis = Duration.between(from, settings.now()).toMillis();
        List<Instant> times = new ArrayList<>();
        for (int index = 0; index < settings.entityRows(); index++) {
            times.add(from.plusMillis((long) (random.nextDouble() * spanMillis)).truncatedTo(ChronoUnit.SECONDS));
        }
        times.sort(Comparator.naturalOrder());
        List<Row> rows = new ArrayList<>();
        for (int index = 0; index < times.size(); index++) {
            Driver driver = drivers.get(random.nextInt(drivers.size()));
            int origin = 1 + random.nextInt(settings.zones());
            int destination = 1 + random.nextInt(settings.zones() - 1);
            if (destination >= origin) {
                destination++;
            }
            double distance = round(zoneDistanceKm(origin, destination) + 0.5 + random.nextDouble() * 3.5, 1);
            int passengers = passengers(random.nextDouble());
            double completion = Math.min(0.97, Math.max(0.03,
                    0.1 + 0.55 * driver.conversion() + 0.3 * driver.acceptance() - 0.04 * (passengers - 1) - 0.008 * distance));
            rows.add(Row.of(RIDE_ORDERS_SCHEMA,
                    times.get(index),
                    100_000L + index,
                    driver.id(),
                    customerId(random.nextInt(settings.customers())),
                    origin,
                    destination,
                    distance,
                    passengers,
                    random.nextDouble() < completion));
        }
        return writeFile(store, uri, RIDE_ORDERS_SCHEMA, rows, null);
    }

    private static int passengers(double draw) {
        if (draw < 0.62) {
            return 1;
        }
        if (draw < 0.87) {
            return 2;
        }
        return draw < 0.96 ? 3 : 4;
    }

    // ---- helpers

    private static WrittenFile writeFile(ObjectStore store, StorageUri uri, RowSchema schema, List<Row> rows, Comparator<Row> order) {
        if (order != null) {
            rows.sort(order);
        }
        return new WrittenFile(uri, ParquetRowWriter.writeAll(store, uri, schema, rows, WRITE_OPTIONS));
    }

    private static StorageUri partition(StorageUri prefix, LocalDate day) {
        return prefix.resolve("date=%s/".formatted(day));
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static double clamp(double value) {
        return Math.min(1.0, Math.max(0.0, value));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** The source prefixes below the root, by the name of the data source in the example repository. */
    public static Map<String, String> sourcePrefixes() {
        return Map.of(
                "driver_stats_src", DRIVER_STATS,
                "driver_status_src", DRIVER_STATUS,
                "customer_profile_src", CUSTOMER_PROFILE,
                "route_traffic_src", ROUTE_TRAFFIC);
    }
}
