package dev.featurestore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetObject;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataTest {
    private static final Instant NOW = Instant.parse("2026-11-21T13:47:12.345Z");

    private final ObjectStore store = new LocalObjectStore();
    private final ParquetScanner scanner = new ParquetScanner(store);
    private StorageUri root;
    private DemoData.Summary summary;

    @BeforeAll
    void writeDefaultData(@TempDir Path directory) {
        root = StorageUri.of(directory.resolve("examples")).asPrefix();
        summary = DemoData.write(store, root, DemoData.Settings.defaults(NOW));
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    @Test
    void writesSeveralPartitionedFilesPerSourceAndOneEntityRowsFile() {
        for (String source : List.of(DemoData.DRIVER_STATS, DemoData.DRIVER_STATUS, DemoData.CUSTOMER_PROFILE, DemoData.ROUTE_TRAFFIC)) {
            List<ParquetObject> objects = scanner.list(root.resolve(source));
            assertThat(objects).as(source).hasSizeGreaterThanOrEqualTo(7);
            assertThat(objects).as(source).allSatisfy(object -> assertThat(object.partitions()).containsOnlyKeys("date"));
            // Customer snapshots are taken at 02:00 UTC: the first day has none when the history starts later.
            List<String> dates = source.equals(DemoData.CUSTOMER_PROFILE) ? datesOfHistory().subList(1, 8) : datesOfHistory();
            assertThat(objects.stream().map(object -> object.partitions().get("date")).distinct())
                    .as(source)
                    .containsExactlyElementsOf(dates);
        }
        assertThat(scanner.list(root.resolve(DemoData.RIDE_ORDERS))).hasSize(1);
        assertThat(summary.files()).extracting(DemoData.WrittenFile::uri)
                .containsExactlyInAnyOrderElementsOf(store.list(root).stream().map(info -> info.uri()).toList());
        assertThat(summary.historyStart()).isEqualTo(Instant.parse("2026-11-14T13:47:12.345Z"));
        assertThat(summary.historyEnd()).isEqualTo(NOW);
    }

    @Test
    void everyRowLiesInThePartitionOfItsEventDateAndInsideTheHistory() {
        for (String source : List.of(DemoData.DRIVER_STATS, DemoData.DRIVER_STATUS, DemoData.CUSTOMER_PROFILE, DemoData.ROUTE_TRAFFIC)) {
            List<Row> rows = scanner.readAll(ScanRequest.of(root.resolve(source)));
            assertThat(rows).as(source).allSatisfy(row -> {
                Instant event = row.getInstant("event_timestamp");
                assertThat(event).isBetween(summary.historyStart(), NOW);
                assertThat(row.getString("date")).isEqualTo(LocalDate.ofInstant(event, ZoneOffset.UTC).toString());
            });
        }
        assertThat(scanner.readAll(ScanRequest.of(root.resolve(DemoData.DRIVER_STATS)).withColumns("created")))
                .allSatisfy(row -> assertThat(row.getInstant("created")).isBefore(NOW));
    }

    @Test
    void partitionValuesPruneObjects() {
        String day = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(1).toString();

        List<Row> rows = scanner.readAll(ScanRequest.of(root.resolve(DemoData.ROUTE_TRAFFIC))
                .withColumns("date", "event_timestamp")
                .withPartitionValues("date", Set.of(day)));

        // 56 ordered pairs of 8 zones, every 15 minutes of one whole day.
        assertThat(rows).hasSize(56 * 96);
        assertThat(rows).allSatisfy(row -> assertThat(row.getString("date")).isEqualTo(day));
    }

    @Test
    void writesRealisticVolumesWithSomeNullValues() {
        List<Row> driverStats = scanner.readAll(ScanRequest.of(root.resolve(DemoData.DRIVER_STATS)));
        List<Row> statuses = scanner.readAll(ScanRequest.of(root.resolve(DemoData.DRIVER_STATUS)));
        List<Row> profiles = scanner.readAll(ScanRequest.of(root.resolve(DemoData.CUSTOMER_PROFILE)));
        List<Row> traffic = scanner.readAll(ScanRequest.of(root.resolve(DemoData.ROUTE_TRAFFIC)));

        assertThat(driverStats.stream().map(row -> row.getLong("driver_id")).distinct().count()).isEqualTo(300);
        assertThat(driverStats).hasSizeBetween(10_000, 30_000);
        assertThat(statuses.stream().map(row -> row.getLong("driver_id")).distinct().count()).isEqualTo(300);
        assertThat(statuses).hasSizeBetween(20_000, 60_000);
        assertThat(profiles.stream().map(row -> row.getString("customer_id")).distinct().count()).isEqualTo(500);
        assertThat(traffic.stream().map(row -> row.getInteger("origin_zone") * 100 + row.getInteger("destination_zone")).distinct().count()).isEqualTo(56);
        for (String column : List.of("conv", "acc_rate", "trips_today")) {
            assertThat(driverStats).as(column).anyMatch(row -> row.isNull(column)).anyMatch(row -> !row.isNull(column));
        }
        assertThat(profiles).anyMatch(row -> row.isNull("segment")).anyMatch(row -> row.isNull("current_balance"));
        assertThat(profiles).anyMatch(row -> row.isNull("favourite_zones"))
                .anyMatch(row -> !row.isNull("favourite_zones") && ((List<?>) row.get("favourite_zones")).isEmpty())
                .anyMatch(row -> !row.isNull("favourite_zones") && ((List<?>) row.get("favourite_zones")).size() == 3);
        assertThat(profiles).allSatisfy(row -> {
            if (!row.isNull("favourite_zones")) {
                assertThat((List<?>) row.get("favourite_zones")).doesNotHaveDuplicates().allSatisfy(zone -> assertThat((Integer) zone).isBetween(1, 8));
            }
        });
        assertThat(traffic).anyMatch(row -> row.isNull("avg_speed_kmh"));
        for (String column : List.of("zone", "idle_minutes")) {
            assertThat(statuses).as(column).anyMatch(row -> row.isNull(column)).anyMatch(row -> !row.isNull(column));
        }
        assertThat(statuses).allSatisfy(row -> {
            assertThat(row.isNull("on_shift")).isFalse();
            if (!row.isNull("zone")) {
                assertThat(row.getInteger("zone")).isBetween(1, 8);
            }
            if (!row.isNull("idle_minutes")) {
                assertThat(row.getDouble("idle_minutes")).isNotNegative();
            }
        });
        assertThat(driverStats).allSatisfy(row -> {
            if (!row.isNull("conv")) {
                assertThat(row.getDouble("conv")).isBetween(0.0, 1.0);
            }
        });
    }

    @Test
    void lateCorrectionsRepeatAnEventTimestampWithALaterCreatedTimestamp() {
        List<Row> originals = filesNamed(DemoData.DRIVER_STATS, "part-00000.parquet").stream()
                .flatMap(file -> scanner.readAll(ScanRequest.of(file.uri())).stream())
                .toList();
        List<ParquetObject> correctionFiles = filesNamed(DemoData.DRIVER_STATS, "part-00001.parquet");
        assertThat(correctionFiles).isNotEmpty();
        Map<String, Row> originalByKey = originals.stream().collect(Collectors.toMap(DemoDataTest::driverHour, Function.identity()));
        int corrections = 0;
        for (ParquetObject file : correctionFiles) {
            for (Row correction : scanner.readAll(ScanRequest.of(file.uri()))) {
                Row original = originalByKey.get(driverHour(correction));
                assertThat(original).as("original of %s", correction).isNotNull();
                assertThat(correction.getInstant("created")).isAfter(original.getInstant("created"));
                corrections++;
            }
        }
        assertThat(corrections).isBetween(originals.size() / 100, originals.size() / 20);
    }

    @Test
    void driverStatusIsReportedEveryHalfHourOfTheShiftsTheStatisticsComeFrom() {
        List<Row> statuses = scanner.readAll(ScanRequest.of(root.resolve(DemoData.DRIVER_STATUS)));
        Set<String> reported = new HashSet<>(statuses.stream().map(DemoDataTest::driverHour).toList());
        List<Row> hourly = filesNamed(DemoData.DRIVER_STATS, "part-00000.parquet").stream()
                .flatMap(file -> scanner.readAll(ScanRequest.of(file.uri()).withColumns("driver_id", "event_timestamp")).stream())
                .toList();

        assertThat(statuses).allSatisfy(row -> assertThat(row.getInstant("event_timestamp").getEpochSecond() % 1_800).isZero());
        assertThat(hourly).allSatisfy(row -> assertThat(reported).as("status at %s", driverHour(row)).contains(driverHour(row)));
        // The last status of a shift (6-12 hours, so one in 12-24) says the driver went off shift.
        long offShift = statuses.stream().filter(row -> !row.getBoolean("on_shift")).count();
        assertThat(offShift).isBetween(statuses.size() / 30L, statuses.size() / 10L);
    }

    @Test
    void entityRowsFallInsideTheHistoryAndReferToExistingEntities() {
        List<Row> orders = scanner.readAll(ScanRequest.of(root.resolve(DemoData.RIDE_ORDERS)));
        Set<Long> drivers = new HashSet<>(scanner.readAll(ScanRequest.of(root.resolve(DemoData.DRIVER_STATS)).withColumns("driver_id"))
                .stream().map(row -> row.getLong("driver_id")).toList());
        Set<String> customers = new HashSet<>(scanner.readAll(ScanRequest.of(root.resolve(DemoData.CUSTOMER_PROFILE)).withColumns("customer_id"))
                .stream().map(row -> row.getString("customer_id")).toList());

        assertThat(orders).hasSize(5_000);
        assertThat(orders).allSatisfy(row -> {
            assertThat(row.getInstant("event_timestamp")).isBetween(summary.historyStart(), NOW);
            assertThat(drivers).contains(row.getLong("driver_id"));
            assertThat(customers).contains(row.getString("customer_id"));
            assertThat(row.getInteger("origin_zone")).isBetween(1, 8).isNotEqualTo(row.getInteger("destination_zone"));
            assertThat(row.getInteger("destination_zone")).isBetween(1, 8);
            assertThat(row.getDouble("distance_km")).isPositive();
            assertThat(row.getInteger("passengers")).isBetween(1, 4);
        });
        assertThat(orders).extracting(row -> row.getInstant("event_timestamp")).isSorted();
        assertThat(orders.get(0).getInstant("event_timestamp")).isBefore(summary.historyStart().plus(Duration.ofDays(1)));
        assertThat(orders.get(orders.size() - 1).getInstant("event_timestamp")).isAfter(NOW.minus(Duration.ofHours(3)));
        long completed = orders.stream().filter(row -> row.getBoolean("completed")).count();
        assertThat(completed).isBetween(1_000L, 4_500L);
    }

    @Test
    void sameSeedWritesTheSameRowsAndAnotherSeedOtherRows(@TempDir Path other) {
        DemoData.Settings small = DemoData.Settings.defaults(NOW).withSize(2, 20, 30, 3, 200);
        StorageUri first = StorageUri.of(other.resolve("first")).asPrefix();
        StorageUri second = StorageUri.of(other.resolve("second")).asPrefix();
        StorageUri reseeded = StorageUri.of(other.resolve("reseeded")).asPrefix();

        DemoData.Summary firstSummary = DemoData.write(store, first, small);
        DemoData.write(store, second, small);
        DemoData.write(store, reseeded, small.withSeed(7));

        assertThat(firstSummary.files()).isNotEmpty();
        for (DemoData.WrittenFile file : firstSummary.files()) {
            String relative = file.uri().key().substring(first.key().length());
            List<Row> rows = scanner.readAll(ScanRequest.of(file.uri()));
            assertThat(scanner.readAll(ScanRequest.of(second.resolve(relative)))).as(relative).usingRecursiveComparison().isEqualTo(rows);
        }
        assertThat(scanner.readAll(ScanRequest.of(reseeded.resolve(DemoData.RIDE_ORDERS))))
                .usingRecursiveComparison()
                .isNotEqualTo(scanner.readAll(ScanRequest.of(first.resolve(DemoData.RIDE_ORDERS))));
    }

    private List<String> datesOfHistory() {
        return summary.historyStart().atZone(ZoneOffset.UTC).toLocalDate()
                .datesUntil(LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(1))
                .map(LocalDate::toString)
                .toList();
    }

    private List<ParquetObject> filesNamed(String source, String name) {
        return scanner.list(root.resolve(source)).stream().filter(object -> object.uri().name().equals(name)).toList();
    }

    private static String driverHour(Row row) {
        return row.getLong("driver_id") + "@" + row.getInstant("event_timestamp");
    }
}
