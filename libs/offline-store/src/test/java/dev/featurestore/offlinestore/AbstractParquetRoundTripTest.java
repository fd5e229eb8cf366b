package dev.featurestore.offlinestore;

import static dev.featurestore.contracts.definition.ValueType.BOOL;
import static dev.featurestore.contracts.definition.ValueType.BOOL_LIST;
import static dev.featurestore.contracts.definition.ValueType.BYTES;
import static dev.featurestore.contracts.definition.ValueType.BYTES_LIST;
import static dev.featurestore.contracts.definition.ValueType.FLOAT32;
import static dev.featurestore.contracts.definition.ValueType.FLOAT32_LIST;
import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.FLOAT64_LIST;
import static dev.featurestore.contracts.definition.ValueType.INT32;
import static dev.featurestore.contracts.definition.ValueType.INT32_LIST;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.INT64_LIST;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static dev.featurestore.contracts.definition.ValueType.STRING_LIST;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP_LIST;
import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/** Writing Parquet through an {@link ObjectStore} and reading it back; one subclass per backend. */
abstract class AbstractParquetRoundTripTest {
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final RowSchema DRIVER_STATS = RowSchema.of(
            column("driver_id", INT64),
            column("event_timestamp", UNIX_TIMESTAMP),
            column("conv_rate", FLOAT64),
            column("trips", INT32),
            column("city", STRING),
            column("active", BOOL));

    protected abstract ObjectStore store();

    protected abstract StorageUri freshPrefix();

    @Test
    void readsBackEveryTypeAndNullAsWritten() {
        RowSchema schema = RowSchema.of(
                column("i64", INT64), column("i32", INT32), column("f64", FLOAT64), column("f32", FLOAT32),
                column("s", STRING), column("b", BOOL), column("raw", BYTES), column("ts", UNIX_TIMESTAMP));
        Instant micros = Instant.parse("2026-11-21T10:15:30.123456Z");
        List<Row> rows = List.of(
                Row.of(schema, 1L, 2, 3.5, 4.25f, "héllo", true, new byte[] {1, 2}, micros),
                Row.of(schema, null, null, null, null, null, null, null, null),
                Row.of(schema, Long.MIN_VALUE, Integer.MAX_VALUE, -0.0, Float.NaN, "", false, new byte[0], Instant.EPOCH.minusSeconds(1)));
        StorageUri uri = freshPrefix().resolve("types.parquet");

        for (CompressionCodecName codec : List.of(CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD, CompressionCodecName.GZIP, CompressionCodecName.UNCOMPRESSED)) {
            ParquetRowWriter.writeAll(store(), uri, schema, rows, ParquetWriteOptions.DEFAULTS.withCodec(codec));
            List<Row> read = new ParquetScanner(store()).readAll(ScanRequest.of(uri));

            assertThat(read).as(codec.name()).hasSize(3);
            assertThat(read.get(0).schema()).isEqualTo(schema);
            assertThat(read.get(0).values()).usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(rows.get(0).values());
            assertThat(read.get(1).values()).containsOnlyNulls();
            assertThat(read.get(2).getLong("i64")).isEqualTo(Long.MIN_VALUE);
            assertThat(read.get(2).getFloat("f32")).isNaN();
            assertThat(read.get(2).getString("s")).isEmpty();
            assertThat(read.get(2).getInstant("ts")).isEqualTo(Instant.EPOCH.minusSeconds(1));
        }
    }

    @Test
    void readsBackListsOfEveryElementTypeWithNullListsEmptyListsAndNullElements() {
        RowSchema schema = RowSchema.of(column("id", INT64),
                column("bools", BOOL_LIST), column("i32s", INT32_LIST), column("i64s", INT64_LIST), column("f32s", FLOAT32_LIST),
                column("f64s", FLOAT64_LIST), column("strings", STRING_LIST), column("raws", BYTES_LIST), column("times", UNIX_TIMESTAMP_LIST));
        Instant time = Instant.parse("2026-11-21T10:15:30.123456Z");
        List<Row> rows = List.of(
                Row.of(schema, 1L, List.of(true, false), List.of(1, -2, 3), List.of(Long.MAX_VALUE), List.of(0.5f, Float.MAX_VALUE),
                        List.of(1.5, -0.0), List.of("a", "héllo", ""), List.of(new byte[] {1, 2}, new byte[0]), List.of(time, Instant.EPOCH)),
                Row.of(schema, 2L, null, null, null, null, null, null, null, null),
                Row.of(schema, 3L, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()),
                Row.of(schema, 4L, Arrays.asList(null, true), Arrays.asList(7, null), Arrays.asList((Long) null), Arrays.asList(null, 1f, null),
                        Arrays.asList(2.0, null), Arrays.asList(null, "x"), Arrays.asList(null, new byte[] {3}), Arrays.asList(null, time)));
        StorageUri uri = freshPrefix().resolve("lists.parquet");

        ParquetRowWriter.writeAll(store(), uri, schema, rows, ParquetWriteOptions.DEFAULTS);
        List<Row> read = new ParquetScanner(store()).readAll(ScanRequest.of(uri));

        assertThat(read).hasSize(4);
        assertThat(read.get(0).schema()).isEqualTo(schema);
        for (int index = 0; index < rows.size(); index++) {
            assertThat(read.get(index).values()).as("row %d", index).usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(rows.get(index).values());
        }
        assertThat(read.get(2).get("i32s")).isEqualTo(List.of());
        assertThat(read.get(3).get("i32s")).isEqualTo(Arrays.asList(7, null));
    }

    @Test
    void batchWrittenFileReadsBackAsTheRowWrittenFileWithEveryTypeListsAndNulls() {
        RowSchema schema = everyTypeSchema("");
        List<Row> rows = everyTypeRows(schema, 2_500);
        StorageUri byRows = freshPrefix().resolve("rows.parquet");
        StorageUri byBatches = freshPrefix().resolve("batches.parquet");
        ParquetWriteOptions options = ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(700);

        ParquetRowWriter.writeAll(store(), byRows, schema, rows, options);
        // batch columns named otherwise: the file takes the writer's names; batches cross row group boundaries
        RowSchema renamed = everyTypeSchema("batch_");
        try (ParquetRowWriter writer = ParquetRowWriter.create(store(), byBatches, schema, options)) {
            writer.write(ColumnBatch.of(renamed, rows.subList(0, 1_000).stream().map(row -> new Row(renamed, row.values())).toList()));
            writer.write(ColumnBatch.of(renamed, List.of()));
            writer.write(ColumnBatch.of(renamed, rows.subList(1_000, 2_500).stream().map(row -> new Row(renamed, row.values())).toList()));
            assertThat(writer.commit()).isEqualTo(2_500);
        }
        List<Row> readByRows = new ParquetScanner(store()).readAll(ScanRequest.of(byRows));
        List<Row> readByBatches = new ParquetScanner(store()).readAll(ScanRequest.of(byBatches));

        assertThat(readByBatches.get(0).schema()).isEqualTo(schema);
        assertThat(comparable(readByBatches)).isEqualTo(comparable(rows)).isEqualTo(comparable(readByRows));
        assertThat(new ParquetScanner(store()).plan(ScanRequest.of(byBatches)).rows()).isEqualTo(2_500);
    }

    @Test
    void columnsEncodedOnSeveralThreadsReadBackAsTheRowWrittenFile() throws InterruptedException {
        RowSchema schema = everyTypeSchema("");
        List<Row> rows = everyTypeRows(schema, 30_000);
        StorageUri byRows = freshPrefix().resolve("rows.parquet");
        StorageUri parallel = freshPrefix().resolve("parallel.parquet");
        ParquetWriteOptions options = ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(7_000);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            ParquetRowWriter.writeAll(store(), byRows, schema, rows, options);
            // three threads share the columns; batches of 12,000 rows cross row group boundaries
            try (ParquetRowWriter writer = ParquetRowWriter.create(store(), parallel, schema, options.withEncoding(executor, 3))) {
                for (int from = 0; from < rows.size(); from += 12_000) {
                    writer.write(ColumnBatch.of(schema, rows.subList(from, Math.min(rows.size(), from + 12_000))));
                }
                assertThat(writer.commit()).isEqualTo(30_000);
            }
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(comparable(new ParquetScanner(store()).readAll(ScanRequest.of(parallel))))
                .isEqualTo(comparable(rows))
                .isEqualTo(comparable(new ParquetScanner(store()).readAll(ScanRequest.of(byRows))));
        assertThat(store().size(parallel)).isEqualTo(store().size(byRows));
    }

    @Test
    void encodingThreadsNeedAnExecutor() {
        assertThatThrownBy(() -> new ParquetWriteOptions(CompressionCodecName.SNAPPY, 1024, 10, null, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encodingThreads");
        assertThatThrownBy(() -> ParquetWriteOptions.DEFAULTS.withEncoding(Runnable::run, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encodingThreads");
    }

    @Test
    void rowsAndBatchesWrittenToOneFileKeepTheirOrder() {
        RowSchema schema = everyTypeSchema("");
        List<Row> rows = everyTypeRows(schema, 3_000);
        StorageUri uri = freshPrefix().resolve("mixed.parquet");

        try (ParquetRowWriter writer = ParquetRowWriter.create(store(), uri, schema, ParquetWriteOptions.DEFAULTS)) {
            rows.subList(0, 1_500).forEach(writer::write);
            writer.write(ColumnBatch.of(schema, rows.subList(1_500, 2_000)));
            rows.subList(2_000, 3_000).forEach(writer::write);
            assertThat(writer.commit()).isEqualTo(3_000);
        }
        List<Row> read = new ParquetScanner(store()).readAll(ScanRequest.of(uri));

        assertThat(read).extracting(row -> row.getLong("id")).containsExactlyElementsOf(rows.stream().map(row -> row.getLong("id")).toList());
    }

    @Test
    void batchOfOtherColumnTypesIsRejectedAndNothingIsWritten() {
        StorageUri prefix = freshPrefix();
        RowSchema swapped = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP), column("conv_rate", FLOAT64),
                column("trips", INT64), column("city", STRING), column("active", BOOL));

        assertThatThrownBy(() -> {
            try (ParquetRowWriter writer = ParquetRowWriter.create(store(), prefix.resolve("x.parquet"), DRIVER_STATS, ParquetWriteOptions.DEFAULTS)) {
                writer.write(ColumnBatch.of(DRIVER_STATS, driverStats(0, 10)));
                writer.write(ColumnBatch.of(swapped, List.of()));
            }
        }).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch at row 10")
                .hasMessageContaining("trips");
        assertThat(store().list(prefix)).isEmpty();
    }

    @Test
    void listElementOfAnotherTypeIsRejected() {
        RowSchema schema = RowSchema.of(column("zones", INT32_LIST));

        assertThatThrownBy(() -> Row.of(schema, List.of(1, 2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'zones'")
                .hasMessageContaining("Long");
    }

    @Test
    void projectionDeliversOnlyRequestedColumnsInRequestedOrderAndReadsFewerBytes() {
        StorageUri uri = freshPrefix().resolve("stats.parquet");
        ParquetRowWriter.writeAll(store(), uri, DRIVER_STATS, driverStats(0, 5_000), ParquetWriteOptions.DEFAULTS);

        CountingObjectStore all = new CountingObjectStore(store());
        new ParquetScanner(all).readAll(ScanRequest.of(uri));
        CountingObjectStore counting = new CountingObjectStore(store());
        List<Row> rows = new ParquetScanner(counting).readAll(ScanRequest.of(uri).withColumns("city", "driver_id"));

        assertThat(rows).hasSize(5_000);
        assertThat(rows.get(7).schema().names()).containsExactly("city", "driver_id");
        assertThat(rows.get(7).values()).containsExactly("city-7", 1007L);
        assertThat(counting.bytesRead()).isLessThan(all.bytesRead());
    }

    @Test
    void footerCostsOneReadThanksToTheCachedTail() {
        StorageUri uri = freshPrefix().resolve("stats.parquet");
        ParquetRowWriter.writeAll(store(), uri, DRIVER_STATS, driverStats(0, 100), ParquetWriteOptions.DEFAULTS);
        CountingObjectStore counting = new CountingObjectStore(store());

        // a file this small lies wholly in the tail: footer and column chunks in one read
        List<Row> rows = new ParquetScanner(counting).readAll(ScanRequest.of(uri));

        assertThat(rows).hasSize(100);
        assertThat(counting.reads()).isEqualTo(1);
    }

    @Test
    void largerFileCostsOneReadForTheFooterAndOneForTheProjectedChunk() {
        StorageUri uri = freshPrefix().resolve("large.parquet");
        ParquetRowWriter.writeAll(store(), uri, DRIVER_STATS, driverStats(0, 20_000),
                ParquetWriteOptions.DEFAULTS.withCodec(CompressionCodecName.UNCOMPRESSED));
        long size = store().size(uri);
        CountingObjectStore counting = new CountingObjectStore(store());

        List<Row> rows = new ParquetScanner(counting).readAll(ScanRequest.of(uri).withColumns("city"));

        assertThat(size).isGreaterThan(4L * ObjectInputFile.DEFAULT_TAIL_SIZE);
        assertThat(rows).hasSize(20_000);
        assertThat(counting.reads()).isEqualTo(2);
        assertThat(counting.bytesRead()).isLessThan(size / 2);
    }

    @Test
    void timeRangeSkipsRowGroupsOutsideItAndKeepsOnlyRowsInside() {
        StorageUri uri = freshPrefix().resolve("stats.parquet");
        // 10 row groups of 100 rows, one minute apart per row: group g covers minutes [100g, 100g + 99]
        ParquetRowWriter.writeAll(store(), uri, DRIVER_STATS, driverStats(0, 1_000),
                ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(100));
        TimeRange range = new TimeRange("event_timestamp", START.plus(Duration.ofMinutes(250)), START.plus(Duration.ofMinutes(449)));

        List<Row> rows = new ArrayList<>();
        ScanStatistics statistics = new ParquetScanner(store())
                .scan(ScanRequest.of(uri).withColumns("driver_id").withTimeRange(range), rows::add);

        assertThat(statistics).isEqualTo(new ScanStatistics(1, 0, 3, 7, 200));
        assertThat(rows).extracting(row -> row.getLong("driver_id")).containsExactlyElementsOf(
                java.util.stream.LongStream.range(1250, 1450).boxed().toList());
        assertThat(rows.get(0).schema().names()).containsExactly("driver_id");
    }

    @Test
    void readsEveryParquetObjectBelowAPrefixWithHivePartitionsAsColumns() {
        StorageUri root = freshPrefix();
        ParquetRowWriter.writeAll(store(), root.resolve("date=2026-11-01/region=eu/part-0.parquet"), DRIVER_STATS, driverStats(0, 3), ParquetWriteOptions.DEFAULTS);
        ParquetRowWriter.writeAll(store(), root.resolve("date=2026-11-02/region=us%20east/part-0.parquet"), DRIVER_STATS, driverStats(3, 2), ParquetWriteOptions.DEFAULTS);
        store().put(root.resolve("_SUCCESS"), new byte[0]);
        store().put(root.resolve("date=2026-11-01/_committed.parquet"), new byte[] {1});
        store().put(root.resolve("notes.txt"), new byte[] {1});

        ParquetScanner scanner = new ParquetScanner(store());
        List<Row> rows = scanner.readAll(ScanRequest.of(root).withColumns("driver_id", "date", "region"));
        List<Row> allColumns = scanner.readAll(ScanRequest.of(root));

        assertThat(scanner.list(root)).extracting(ParquetObject::partitions).containsExactly(
                java.util.Map.of("date", "2026-11-01", "region", "eu"),
                java.util.Map.of("date", "2026-11-02", "region", "us east"));
        assertThat(rows).extracting(Row::values).containsExactly(
                List.of(1000L, "2026-11-01", "eu"),
                List.of(1001L, "2026-11-01", "eu"),
                List.of(1002L, "2026-11-01", "eu"),
                List.of(1003L, "2026-11-02", "us east"),
                List.of(1004L, "2026-11-02", "us east"));
        assertThat(allColumns.get(0).schema().names())
                .containsExactly("driver_id", "event_timestamp", "conv_rate", "trips", "city", "active", "date", "region");
    }

    @Test
    void partitionPruningOpensOnlyObjectsWithSelectedValues() {
        StorageUri root = freshPrefix();
        for (int day = 1; day <= 3; day++) {
            for (String region : List.of("eu", "us")) {
                ParquetRowWriter.writeAll(store(), root.resolve("date=2026-11-0%d/region=%s/part-0.parquet".formatted(day, region)),
                        DRIVER_STATS, driverStats(day * 10, 2), ParquetWriteOptions.DEFAULTS);
            }
        }
        CountingObjectStore counting = new CountingObjectStore(store());

        List<Row> rows = new ArrayList<>();
        ScanStatistics statistics = new ParquetScanner(counting).scan(ScanRequest.of(root)
                .withColumns("driver_id", "date", "region")
                .withPartitionValues("date", java.util.Set.of("2026-11-02", "2026-11-03"))
                .withPartitionValues("region", java.util.Set.of("eu")), rows::add);

        assertThat(statistics.files()).isEqualTo(2);
        assertThat(statistics.filesSkipped()).isEqualTo(4);
        assertThat(counting.reads()).isEqualTo(2);
        assertThat(rows).extracting(Row::values).containsExactly(
                List.of(1020L, "2026-11-02", "eu"), List.of(1021L, "2026-11-02", "eu"),
                List.of(1030L, "2026-11-03", "eu"), List.of(1031L, "2026-11-03", "eu"));
    }

    @Test
    void concurrentScanDeliversEveryObjectsRowsInFileOrderToItsOwnSink() throws InterruptedException {
        StorageUri root = freshPrefix();
        for (int part = 0; part < 6; part++) {
            ParquetRowWriter.writeAll(store(), root.resolve("part-%05d.parquet".formatted(part)), DRIVER_STATS,
                    driverStats(part * 500, 500), ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(100));
        }
        java.util.Map<String, List<Long>> received = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            ScanStatistics statistics = new ParquetScanner(store()).scan(ScanRequest.of(root).withColumns("driver_id"), executor, object -> {
                List<Long> ids = new ArrayList<>();
                received.put(object.uri().name(), ids);
                return row -> ids.add(row.getLong("driver_id"));
            });

            assertThat(statistics).isEqualTo(new ScanStatistics(6, 0, 30, 0, 3_000));
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(received).hasSize(6);
        for (int part = 0; part < 6; part++) {
            assertThat(received.get("part-%05d.parquet".formatted(part)))
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(1000 + part * 500L, 1500 + part * 500L).boxed().toList());
        }
    }

    @Test
    void concurrentScanRethrowsAFailureNamingItsObject() {
        StorageUri root = freshPrefix();
        ParquetRowWriter.writeAll(store(), root.resolve("part-00000.parquet"), DRIVER_STATS, driverStats(0, 10), ParquetWriteOptions.DEFAULTS);
        store().put(root.resolve("part-00001.parquet"), "not parquet at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new ParquetScanner(store()).scan(ScanRequest.of(root), Runnable::run, object -> row -> { }))
                .isInstanceOf(OfflineStoreException.class)
                .hasMessageContaining(root.resolve("part-00001.parquet").toString());
    }

    @Test
    void planGivesEachSelectedObjectsSchemaAndTheRowsOfRowGroupsTheTimeRangeKeepsFromFootersOnly() {
        StorageUri root = freshPrefix();
        // 10 row groups of 100 rows per object, one minute apart per row, as in driverStats
        for (int day = 1; day <= 3; day++) {
            ParquetRowWriter.writeAll(store(), root.resolve("date=2026-11-0%d/part-0.parquet".formatted(day)), DRIVER_STATS,
                    driverStats((day - 1) * 1_000, 1_000), ParquetWriteOptions.DEFAULTS.withRowGroupRowLimit(100));
        }
        TimeRange range = new TimeRange("event_timestamp", START.plus(Duration.ofMinutes(250)), START.plus(Duration.ofMinutes(1_449)));
        CountingObjectStore counting = new CountingObjectStore(store());
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        ScanPlan plan;
        try {
            plan = new ParquetScanner(counting).plan(ScanRequest.of(root).withColumns("driver_id", "date", "conv_rate").withTimeRange(range)
                    .withPartitionValues("date", java.util.Set.of("2026-11-01", "2026-11-02")), executor);
        } finally {
            executor.shutdownNow();
        }

        RowSchema schema = RowSchema.of(column("driver_id", INT64), column("date", STRING), column("conv_rate", FLOAT64));
        assertThat(plan.objects()).extracting(planned -> planned.object().partitions().get("date"), ScanPlan.PlannedObject::schema,
                ScanPlan.PlannedObject::rows).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2026-11-01", schema, 800L), // groups 2 to 9
                org.assertj.core.groups.Tuple.tuple("2026-11-02", schema, 500L)); // groups 0 to 4
        assertThat(plan.rows()).isEqualTo(1_300);
        assertThat(counting.reads()).as("one read of each kept object's tail").isEqualTo(2);
        assertThat(new ParquetScanner(store()).plan(ScanRequest.of(root)).objects().get(0).schema().names())
                .containsExactly("driver_id", "event_timestamp", "conv_rate", "trips", "city", "active", "date");
    }

    @Test
    void planFailsNamingTheObjectAndTheMissingColumn() {
        StorageUri root = freshPrefix();
        ParquetRowWriter.writeAll(store(), root.resolve("part-0.parquet"), DRIVER_STATS, driverStats(0, 10), ParquetWriteOptions.DEFAULTS);
        ParquetRowWriter.writeAll(store(), root.resolve("part-1.parquet"), RowSchema.of(column("driver_id", INT64)), List.of(),
                ParquetWriteOptions.DEFAULTS);

        assertThatThrownBy(() -> new ParquetScanner(store()).plan(ScanRequest.of(root).withColumns("driver_id", "conv_rate")))
                .isInstanceOf(OfflineStoreException.class)
                .hasMessageContaining(root.resolve("part-1.parquet").toString())
                .hasMessageContaining("no column 'conv_rate'");
    }

    @Test
    void columnsAnObjectMayLackAreDeliveredAllNullInTheirTypeFromIt() {
        StorageUri root = freshPrefix();
        ParquetRowWriter.writeAll(store(), root.resolve("part-0.parquet"), DRIVER_STATS, driverStats(0, 3), ParquetWriteOptions.DEFAULTS);
        RowSchema older = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP), column("trips", INT32));
        ParquetRowWriter.writeAll(store(), root.resolve("part-1.parquet"), older,
                List.of(Row.of(older, 7L, Instant.parse("2026-11-20T00:00:00Z"), 4)), ParquetWriteOptions.DEFAULTS);
        ScanRequest request = ScanRequest.of(root).withColumns("driver_id", "conv_rate", "city", "trips")
                .withAbsentAsNull(Map.of("conv_rate", FLOAT64, "city", STRING));

        List<Row> rows = new ParquetScanner(store()).readAll(request);

        assertThat(new ParquetScanner(store()).plan(request).objects()).allSatisfy(object ->
                assertThat(object.schema().columns()).containsExactly(column("driver_id", INT64), column("conv_rate", FLOAT64), column("city", STRING),
                        column("trips", INT32)));
        assertThat(rows).hasSize(4);
        Row fromOlder = rows.stream().filter(row -> row.getLong("driver_id") == 7L).findFirst().orElseThrow();
        assertThat(fromOlder.get("conv_rate")).isNull();
        assertThat(fromOlder.get("city")).isNull();
        assertThat(fromOlder.get("trips")).isEqualTo(4);
        assertThat(rows.stream().filter(row -> row.getLong("driver_id") != 7L)).allSatisfy(row -> assertThat(row.get("conv_rate")).isNotNull());
        // a column that is neither in the object nor allowed to be absent is still an error
        assertThatThrownBy(() -> new ParquetScanner(store()).readAll(ScanRequest.of(root).withColumns("driver_id", "conv_rate")))
                .isInstanceOf(OfflineStoreException.class)
                .hasMessageContaining(root.resolve("part-1.parquet").toString())
                .hasMessageContaining("no column 'conv_rate'");
    }

    @Test
    void unknownColumnFailsNamingObjectAndColumn() {
        StorageUri uri = freshPrefix().resolve("stats.parquet");
        ParquetRowWriter.writeAll(store(), uri, DRIVER_STATS, driverStats(0, 1), ParquetWriteOptions.DEFAULTS);

        assertThatThrownBy(() -> new ParquetScanner(store()).readAll(ScanRequest.of(uri).withColumns("no_such")))
                .isInstanceOf(OfflineStoreException.class)
                .hasMessageContaining(uri.toString())
                .hasMessageContaining("no column 'no_such'");
    }

    @Test
    void missingObjectFailsNamingIt() {
        StorageUri uri = freshPrefix().resolve("absent.parquet");

        assertThatThrownBy(() -> new ParquetScanner(store()).readAll(ScanRequest.of(uri)))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(uri.toString());
    }

    @Test
    void failedWriteLeavesNoObject() {
        StorageUri prefix = freshPrefix();
        StorageUri uri = prefix.resolve("failed.parquet");

        assertThatThrownBy(() -> {
            try (ParquetRowWriter writer = ParquetRowWriter.create(store(), uri, DRIVER_STATS, ParquetWriteOptions.DEFAULTS)) {
                driverStats(0, 1_000).forEach(writer::write);
                throw new IllegalStateException("source failed");
            }
        }).hasMessage("source failed");

        assertThat(store().list(prefix)).isEmpty();
    }

    @Test
    void rowOfAnotherSchemaIsRejectedAndNothingIsWritten() {
        StorageUri prefix = freshPrefix();
        RowSchema other = RowSchema.of(column("driver_id", STRING));

        assertThatThrownBy(() -> ParquetRowWriter.writeAll(store(), prefix.resolve("x.parquet"), DRIVER_STATS,
                List.of(Row.of(other, "1")), ParquetWriteOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0");
        assertThat(store().list(prefix)).isEmpty();
    }

    /** The rows' values compared with equals: bytes as hex, in lists too. */
    static List<List<Object>> comparable(List<Row> rows) {
        return rows.stream().map(row -> row.values().stream().map(AbstractParquetRoundTripTest::comparable).toList()).toList();
    }

    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AbstractParquetRoundTripTest::comparable).toList();
        }
        return value;
    }

    /** {@code id} then one column of each value type, named {@code <prefix><type>}. */
    static RowSchema everyTypeSchema(String prefix) {
        List<Column> columns = new ArrayList<>(List.of(column(prefix + "id", INT64)));
        for (ValueType type : ValueType.values()) {
            columns.add(column(prefix + type.name().toLowerCase(Locale.ROOT), type));
        }
        return new RowSchema(columns);
    }

    /** Seeded rows of {@link #everyTypeSchema}: about one value in six null, lists empty or with null elements. */
    static List<Row> everyTypeRows(RowSchema schema, int count) {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < count; id++) {
            Object[] values = new Object[schema.size()];
            values[0] = id;
            for (int column = 1; column < values.length; column++) {
                ValueType type = schema.column(column).type();
                if (random.nextInt(6) > 0) {
                    values[column] = type.isList() ? randomList(type.elementType(), random) : randomValue(type, random);
                }
            }
            rows.add(Row.of(schema, values));
        }
        return rows;
    }

    private static List<Object> randomList(ValueType elementType, Random random) {
        List<Object> list = new ArrayList<>();
        for (int element = random.nextInt(4); element > 0; element--) {
            list.add(random.nextInt(5) == 0 ? null : randomValue(elementType, random));
        }
        return list;
    }

    private static Object randomValue(ValueType type, Random random) {
        return switch (type) {
            case BOOL -> random.nextBoolean();
            case INT32 -> random.nextInt();
            case INT64 -> random.nextLong();
            case FLOAT32 -> random.nextInt(20) == 0 ? Float.MAX_VALUE : random.nextFloat();
            case FLOAT64 -> random.nextInt(20) == 0 ? -0.0 : random.nextDouble();
            case STRING -> random.nextInt(10) == 0 ? "" : "v-%d-é".formatted(random.nextInt(40));
            case BYTES -> new byte[] {(byte) random.nextInt(), (byte) random.nextInt()};
            case UNIX_TIMESTAMP -> START.plusNanos(random.nextInt(1_000_000_000) * 1_000L).minus(Duration.ofDays(random.nextInt(30_000)));
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalArgumentException(type.name());
        };
    }

    /** Rows {@code first .. first + count - 1}: driver 1000 + i at START + i minutes. */
    static List<Row> driverStats(int first, int count) {
        List<Row> rows = new ArrayList<>();
        for (int index = first; index < first + count; index++) {
            rows.add(Row.of(DRIVER_STATS, 1000L + index, START.plus(Duration.ofMinutes(index)), index / 10.0, index,
                    "city-%d".formatted(index), index % 2 == 0));
        }
        return rows;
    }
}
