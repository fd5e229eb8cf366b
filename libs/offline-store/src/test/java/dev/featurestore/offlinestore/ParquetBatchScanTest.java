package dev.featurestore.offlinestore;

import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch scan and the row scan read the same rows, which are the rows written. */
class ParquetBatchScanTest {
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path directory;

    private final LocalObjectStore store = new LocalObjectStore();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void batchScanAndRowScanAgreeWithTheWrittenRowsWithNullsInEveryTypeAcrossRowGroupsTimeRangeAndPartitions() {
        List<Column> columns = new ArrayList<>(List.of(column("id", ValueType.INT64), column("event_timestamp", ValueType.UNIX_TIMESTAMP)));
        for (ValueType type : ValueType.values()) {
            columns.add(column("c_" + type.name().toLowerCase(java.util.Locale.ROOT), type));
        }
        RowSchema schema = new RowSchema(columns);
        StorageUri root = StorageUri.of(directory).resolve("all/");
        Random random = new Random(42);
        List<Row> expected = new ArrayList<>();
        TimeRange range = new TimeRange("event_timestamp", START.plus(Duration.ofMinutes(1_000)), START.plus(Duration.ofMinutes(7_000)));
        long id = 0;
        for (String region : List.of("eu", "us", "asia")) {
            List<Row> rows = new ArrayList<>();
            for (int index = 0; index < 3_000; index++, id++) {
                Object[] values = new Object[schema.size()];
                values[0] = id;
                // time grows with the id, so that some row groups lie outside the range
                values[1] = random.nextInt(10) == 0 ? null : START.plus(Duration.ofMinutes(id * 3 - random.nextInt(50)));
                for (int column = 2; column < values.length; column++) {
                    values[column] = randomValue(schema.column(column).type(), random);
                }
                Row row = Row.of(schema, values);
                rows.add(row);
                Instant time = row.getInstant("event_timestamp");
                if (time != null && range.contains(time)) {
                    List<Object> withRegion = new ArrayList<>(row.values());
                    withRegion.add(region);
                    expected.add(new Row(withPartition(schema), withRegion));
                }
            }
            ParquetRowWriter.writeAll(store, root.resolve("region=%s/part-0.parquet".formatted(region)), schema, rows,
                    ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(700));
        }
        expected.sort(java.util.Comparator.comparing((Row row) -> (String) row.get("region")).thenComparing(row -> row.getLong("id")));
        List<String> wanted = new ArrayList<>(schema.names());
        wanted.add("region");
        ScanRequest request = ScanRequest.of(root).withColumns(wanted.toArray(String[]::new)).withTimeRange(range);
        ParquetScanner scanner = new ParquetScanner(store);

        List<Row> rows = new ArrayList<>();
        ScanStatistics rowStatistics = scanner.scan(request, rows::add);
        Map<String, List<ColumnBatch>> batches = new ConcurrentHashMap<>();
        ScanStatistics batchStatistics = scanner.scanBatches(request, 333, executor, object -> {
            List<ColumnBatch> received = new ArrayList<>();
            batches.put(object.partitions().get("region"), received);
            return received::add;
        });

        assertThat(expected.size()).isBetween(1_500, 2_100);
        assertThat(rowStatistics).isEqualTo(batchStatistics);
        assertThat(rowStatistics.rowGroupsSkipped()).isPositive();
        assertThat(rowStatistics.rows()).isEqualTo(expected.size());
        // values compared with equals (bytes as hex): a recursive comparison of these rows takes minutes
        assertThat(rows).extracting(Row::schema).containsOnly(withPartition(schema));
        assertThat(AbstractParquetRoundTripTest.comparable(rows)).isEqualTo(AbstractParquetRoundTripTest.comparable(expected));
        List<Row> batchRows = new ArrayList<>();
        for (String region : List.of("asia", "eu", "us")) {
            for (ColumnBatch batch : batches.get(region)) {
                assertThat(batch.size()).isBetween(1, 333);
                assertThat(batch.schema()).isEqualTo(withPartition(schema));
                batchRows.addAll(batch.rows());
            }
        }
        assertThat(AbstractParquetRoundTripTest.comparable(batchRows)).isEqualTo(AbstractParquetRoundTripTest.comparable(expected));
    }

    @Test
    void readsVersion2PagesOfOtherEncodingsSpreadOverManyPages() throws IOException {
        MessageType parquetSchema = MessageTypeParser.parseMessageType("""
                message m {
                  required int64 id;
                  optional int64 t (TIMESTAMP(MILLIS, true));
                  optional double x;
                  optional int32 n;
                  optional binary s (STRING);
                  optional group zones (LIST) { repeated group list { optional int32 element; } }
                }""");
        Random random = new Random(7);
        SimpleGroupFactory factory = new SimpleGroupFactory(parquetSchema);
        List<Group> groups = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (long id = 0; id < 3_000; id++) {
            Group group = factory.newGroup().append("id", id);
            Instant t = random.nextInt(8) == 0 ? null : START.plusMillis(random.nextInt(1_000_000));
            Double x = random.nextInt(8) == 0 ? null : random.nextDouble();
            Integer n = random.nextInt(8) == 0 ? null : random.nextInt(1_000);
            String s = random.nextInt(8) == 0 ? null : "s-" + random.nextInt(20);
            List<Integer> zones = random.nextInt(8) == 0 ? null : new ArrayList<>();
            if (t != null) {
                group.append("t", t.toEpochMilli());
            }
            if (x != null) {
                group.append("x", x);
            }
            if (n != null) {
                group.append("n", n);
            }
            if (s != null) {
                group.append("s", s);
            }
            if (zones != null) {
                Group list = group.addGroup("zones");
                for (int element = random.nextInt(4); element > 0; element--) {
                    Integer zone = random.nextInt(5) == 0 ? null : random.nextInt(100);
                    zones.add(zone);
                    Group item = list.addGroup("list");
                    if (zone != null) {
                        item.append("element", zone);
                    }
                }
            }
            groups.add(group);
            expected.add(Arrays.asList(id, t, x, n, s, zones));
        }
        StorageUri uri = ExampleGroupFiles.write(store, StorageUri.of(directory.resolve("v2.parquet")), parquetSchema, builder -> builder
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .withPageRowCountLimit(64)
                .withRowGroupRowCountLimit(1_000), groups);
        ParquetScanner scanner = new ParquetScanner(store);

        List<Row> rows = scanner.readAll(ScanRequest.of(uri));
        List<Row> batchRows = new ArrayList<>();
        scanner.scanBatches(ScanRequest.of(uri), 100, executor, object -> batch -> batchRows.addAll(batch.rows()));

        assertThat(rows).extracting(Row::values).containsExactlyElementsOf(expected);
        assertThat(batchRows).extracting(Row::values).containsExactlyElementsOf(expected);
    }

    private static RowSchema withPartition(RowSchema schema) {
        List<Column> columns = new ArrayList<>(schema.columns());
        columns.add(column("region", ValueType.STRING));
        return new RowSchema(columns);
    }

    private static Object randomValue(ValueType type, Random random) {
        if (random.nextInt(7) == 0) {
            return null;
        }
        if (type.isList()) {
            List<Object> list = new ArrayList<>();
            for (int element = random.nextInt(4); element > 0; element--) {
                list.add(random.nextInt(5) == 0 ? null : randomValue(type.elementType(), random));
            }
            return list;
        }
        return switch (type) {
            case BOOL -> random.nextBoolean();
            case INT32 -> random.nextInt();
            case INT64 -> random.nextLong();
            case FLOAT32 -> random.nextFloat();
            case FLOAT64 -> random.nextDouble();
            case STRING -> "v-" + random.nextInt(30);
            case BYTES -> new byte[] {(byte) random.nextInt(), (byte) random.nextInt()};
            case UNIX_TIMESTAMP -> START.plusNanos(random.nextInt(1_000_000_000) * 1_000L);
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalArgumentException(type.name());
        };
    }
}
