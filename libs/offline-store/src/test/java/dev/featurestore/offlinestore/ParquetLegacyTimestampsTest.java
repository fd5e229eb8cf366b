package dev.featurestore.offlinestore;

import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP_LIST;
import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.JulianFields;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timestamps as older writers store them: INT96 (Impala, Hive, Spark before 3) and DATE columns. */
class ParquetLegacyTimestampsTest {
    @TempDir
    Path directory;

    private final LocalObjectStore store = new LocalObjectStore();

    @Test
    void readsInt96TimestampsAsUnixTimestampsAndFiltersOnThem() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message spark { required int64 id; optional int96 event_time; }");
        Instant[] times = {Instant.parse("2026-11-21T10:15:30.123456Z"), Instant.parse("1969-12-31T23:59:59.999999Z"), null,
                Instant.parse("2026-11-22T00:00:00Z")};
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        List<Group> groups = new ArrayList<>();
        for (int id = 0; id < times.length; id++) {
            Group group = factory.newGroup().append("id", (long) id);
            if (times[id] != null) {
                group.append("event_time", nanoTime(times[id]));
            }
            groups.add(group);
        }
        StorageUri uri = write("spark.parquet", schema, groups);
        ParquetScanner scanner = new ParquetScanner(store);

        List<Row> rows = scanner.readAll(ScanRequest.of(uri));
        List<Row> inRange = scanner.readAll(ScanRequest.of(uri).withColumns("id")
                .withTimeRange(new TimeRange("event_time", Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-21T23:59:59Z"))));

        assertThat(rows.get(0).schema()).isEqualTo(RowSchema.of(column("id", INT64), column("event_time", UNIX_TIMESTAMP)));
        assertThat(rows).extracting(row -> row.getInstant("event_time")).containsExactly(times);
        assertThat(inRange).extracting(row -> row.getLong("id")).containsExactly(0L);
    }

    @Test
    void readsDatesAsMidnightUtcAndPrunesRowGroupsOnTheirStatistics() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { optional int32 day (DATE); optional group days (LIST) { repeated group list { optional int32 element (DATE); } } }");
        LocalDate first = LocalDate.parse("2026-11-01");
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        List<Group> groups = new ArrayList<>();
        for (int offset = 0; offset < 30; offset++) {
            Group group = factory.newGroup().append("day", (int) first.plusDays(offset).toEpochDay());
            group.addGroup("days").addGroup("list").append("element", (int) first.toEpochDay());
            groups.add(group);
        }
        StorageUri uri = write("dates.parquet", schema, groups);
        ParquetScanner scanner = new ParquetScanner(store);

        List<Row> rows = scanner.readAll(ScanRequest.of(uri));
        List<Row> inRange = new ArrayList<>();
        ScanStatistics statistics = scanner.scan(ScanRequest.of(uri).withColumns("day")
                .withTimeRange(new TimeRange("day", Instant.parse("2026-11-12T00:00:00Z"), Instant.parse("2026-11-13T12:00:00Z"))), inRange::add);

        assertThat(rows.get(0).schema()).isEqualTo(RowSchema.of(column("day", UNIX_TIMESTAMP), column("days", UNIX_TIMESTAMP_LIST)));
        assertThat(rows.get(3).values()).containsExactly(Instant.parse("2026-11-04T00:00:00Z"), List.of(Instant.parse("2026-11-01T00:00:00Z")));
        assertThat(inRange).extracting(row -> row.getInstant("day"))
                .containsExactly(Instant.parse("2026-11-12T00:00:00Z"), Instant.parse("2026-11-13T00:00:00Z"));
        // row groups of 10 days: only the second one holds the 12th and 13th
        assertThat(statistics.rowGroupsRead()).isEqualTo(1);
        assertThat(statistics.rowGroupsSkipped()).isEqualTo(2);
    }

    private static NanoTime nanoTime(Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        long nanosOfDay = LocalTime.ofInstant(instant, ZoneOffset.UTC).toNanoOfDay();
        return new NanoTime((int) date.getLong(JulianFields.JULIAN_DAY), nanosOfDay);
    }

    /** Row groups of 10 rows. */
    private StorageUri write(String name, MessageType schema, List<Group> rows) throws IOException {
        return ExampleGroupFiles.write(store, StorageUri.of(directory.resolve(name)), schema, builder -> builder.withRowGroupRowCountLimit(10), rows);
    }
}
