package dev.featurestore.materialization.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ParquetRowWriter;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Source paths stored before the registry confined them to the storage roots (a local Parquet file, a relative path,
 * another bucket's prefix climbed to with {@code ..}) are never read: the run fails with an error saying so, and
 * nothing reaches the online store, although the local file exists and holds rows.
 */
class StorageRootsIT extends MaterializationApiTest {
    private static final RowSchema SOURCE = new RowSchema(List.of(
            new Column("driver_id", ValueType.INT64), new Column("event_timestamp", ValueType.UNIX_TIMESTAMP), new Column("conv_rate", ValueType.FLOAT64)));

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Path local;

    @Override
    Map<String, String> moreProperties() {
        return Map.of("featurestore.materialization.stream-enabled", "false");
    }

    @BeforeAll
    void define() throws IOException {
        local = Files.createTempDirectory("materialization-confined");
        ParquetRowWriter.writeAll(new LocalObjectStore(), StorageUri.of(local.resolve("driver/part-0.parquet")), SOURCE,
                List.of(Row.of(SOURCE, 1L, now.minus(1, ChronoUnit.HOURS), 0.5)), ParquetWriteOptions.DEFAULTS);
        writeParquet(sourcePath("inside") + "part-0.parquet", SOURCE, List.<Object[]>of(new Object[] {1L, now.minus(1, ChronoUnit.HOURS), 0.5}));
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "local_src", "type": "parquet", "path": "file://%1$s/driver/", "timestamp_field": "event_timestamp"},
                   {"name": "relative_src", "type": "parquet", "path": "driver/", "timestamp_field": "event_timestamp"},
                   {"name": "climbing_src", "type": "parquet", "path": "%2$s../../../other-bucket/", "timestamp_field": "event_timestamp"}],
                 "feature_views": [
                   {"name": "local_view", "entities": ["driver"], "source": "local_src", "ttl": "0", "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]},
                   {"name": "relative_view", "entities": ["driver"], "source": "relative_src", "ttl": "0", "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]},
                   {"name": "climbing_view", "entities": ["driver"], "source": "climbing_src", "ttl": "0",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}]}]}""".formatted(local, sourcePath("inside")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local_view", "relative_view", "climbing_view"})
    void aRunOfASourceOutsideTheRootsFailsSayingSoAndWritesNothingOnline(String view) {
        String id = materialize("/v1/materialize", """
                {"project": "%s", "feature_views": ["%s"], "start_ts": "%s", "end_ts": "%s"}"""
                .formatted(project, view, now.minus(1, ChronoUnit.DAYS), now)).get(0);

        Map<String, Object> run = awaitFinished(id);

        assertThat(run).as(run.toString()).containsEntry("state", "failed");
        assertThat(run.get("error").toString()).containsAnyOf("Storage not allowed", "invalid storage URI");
        assertThat(online(view, 1L)).isNull();
    }
}
