package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.onlinestore.RecordRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline engine at its smallest memory limit (64MB, shared by every read of the service) with more latest rows
 * than fit comfortably in it: the run still writes each entity's latest row exactly, and leaves no staged object behind.
 */
class MemoryLimitIT extends MaterializationApiTest {
    private static final int ENTITIES = 200_000;
    private static final RowSchema SOURCE = new RowSchema(List.of(new Column("driver_id", ValueType.INT64),
            new Column("event_timestamp", ValueType.UNIX_TIMESTAMP), new Column("conv_rate", ValueType.FLOAT64), new Column("city", ValueType.STRING)));

    private final Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "memory-limit-it-" + UUID.randomUUID());
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Override
    Map<String, String> moreProperties() {
        return Map.of("featurestore.offline-engine.memory-limit", "64MB",
                "featurestore.offline-engine.threads", "2",
                "featurestore.offline-engine.work-directory", workDirectory.toString(),
                "featurestore.materialization.skew-check-enabled", "false",
                "featurestore.materialization.stream-enabled", "false");
    }

    @BeforeAll
    void define() {
        putDriverView("driver_limited", "limited", "conv_rate:FLOAT64", "city:STRING");
        List<Object[]> older = new ArrayList<>();
        List<Object[]> newer = new ArrayList<>();
        for (long entity = 0; entity < ENTITIES; entity++) {
            newer.add(new Object[] {entity, now.minus(1, ChronoUnit.HOURS), entity + 0.5, city(entity)});
            older.add(new Object[] {entity, now.minus(2, ChronoUnit.HOURS), -1.0, "an older city whose name takes room " + entity});
        }
        // the older rows in the later object: the pick is by timestamps, not by the order read
        writeParquet(sourcePath("limited") + "a-newer.parquet", SOURCE, newer);
        writeParquet(sourcePath("limited") + "b-older.parquet", SOURCE, older);
    }

    @Test
    void aRunUnderTheSmallestMemoryLimitWritesEachEntitysLatestRowExactly() throws IOException {
        Map<String, Object> run = awaitFinished(materialize("/v1/materialize", """
                {"project": "%s", "start_ts": "%s", "end_ts": "%s"}""".formatted(project, now.minus(1, ChronoUnit.DAYS), now)).get(0));

        assertThat(run).as(run.toString()).containsEntry("state", "succeeded");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) run.get("result");
        assertThat(result).containsEntry("rows_read", 2 * ENTITIES).containsEntry("entities_written", ENTITIES).containsEntry("entities_unchanged", 0)
                .containsEntry("max_event_timestamp", now.minus(1, ChronoUnit.HOURS).toString());
        OnlineSchema schema = OnlineSchema.of(registry.registry(project).featureView("driver_limited").schema());
        List<JoinKey> keys = List.of(new JoinKey("driver_id", ValueType.INT64));
        for (long from = 0; from < ENTITIES; from += 10_000) {
            List<RecordRead> reads = new ArrayList<>();
            for (long entity = from; entity < from + 10_000; entity++) {
                reads.add(new RecordRead(OnlineKeys.recordKey(project, "driver_limited", keys, List.of(entity)), schema));
            }
            List<OnlineRecord> records = onlineStore.read(reads).join();
            for (int index = 0; index < records.size(); index++) {
                long entity = from + index;
                assertThat(records.get(index)).as("entity %d", entity)
                        .isEqualTo(new OnlineRecord(now.minus(1, ChronoUnit.HOURS), null, List.of(entity + 0.5, city(entity))));
            }
        }
        try (Stream<Path> left = Files.list(workDirectory)) {
            assertThat(left.filter(path -> path.getFileName().toString().startsWith("call-"))).as("staged objects left").isEmpty();
        }
    }

    private static String city(long entity) {
        return "city %d".formatted(entity % 1000);
    }
}
