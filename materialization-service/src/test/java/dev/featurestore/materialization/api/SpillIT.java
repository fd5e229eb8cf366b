package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
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

/** A memory budget far below the window's latest rows: the run spills them to disk and still materializes each entity's latest row. */
class SpillIT extends MaterializationApiTest {
    private static final int ENTITIES = 3_000;
    private static final RowSchema SOURCE = new RowSchema(List.of(
            new Column("driver_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP), new Column("conv_rate", ValueType.FLOAT64)));

    private final Path spillDirectory = Path.of(System.getProperty("java.io.tmpdir"), "spill-it-" + UUID.randomUUID());
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Override
    Map<String, String> moreProperties() {
        return Map.of("featurestore.materialization.memory-budget", "16KB",
                "featurestore.materialization.spill-directory", spillDirectory.toString(),
                "featurestore.materialization.spill-partitions", "7");
    }

    @BeforeAll
    void define() {
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [{"name": "src", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp"}],
                 "feature_views": [{"name": "driver_spilled", "entities": ["driver"], "source": "src", "ttl": "0",
                                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]}]}""".formatted(sourcePath("spilled")));
        List<Object[]> older = new ArrayList<>();
        List<Object[]> newer = new ArrayList<>();
        for (long entity = 0; entity < ENTITIES; entity++) {
            newer.add(new Object[] {entity, now.minus(1, ChronoUnit.HOURS), entity + 0.5});
            older.add(new Object[] {entity, now.minus(2, ChronoUnit.HOURS), -1.0});
        }
        writeParquet(sourcePath("spilled") + "a-newer.parquet", SOURCE, newer);
        writeParquet(sourcePath("spilled") + "b-older.parquet", SOURCE, older);
    }

    @Test
    void aRunPastItsMemoryBudgetSpillsAndStillWritesEachEntitysLatestRow() throws IOException {
        Map<String, Object> run = awaitFinished(materialize("/v1/materialize", """
                {"project": "%s", "start_ts": "%s", "end_ts": "%s"}""".formatted(project, now.minus(1, ChronoUnit.DAYS), now)).get(0));

        assertThat(run).containsEntry("state", "succeeded");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) run.get("result");
        assertThat(result).containsEntry("spilled", true).containsEntry("rows_read", 2 * ENTITIES).containsEntry("entities_written", ENTITIES);
        for (long entity = 0; entity < ENTITIES; entity += 97) {
            assertThat(online("driver_spilled", entity).values()).as("entity %d", entity).isEqualTo(List.of(entity + 0.5));
        }
        try (Stream<Path> left = Files.list(spillDirectory)) {
            assertThat(left).as("spill files left").isEmpty();
        }
    }
}
