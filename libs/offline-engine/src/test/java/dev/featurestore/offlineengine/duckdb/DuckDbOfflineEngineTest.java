package dev.featurestore.offlineengine.duckdb;

import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.offlineengine.AbstractOfflineEngineTest;
import dev.featurestore.offlineengine.EngineCancelledException;
import dev.featurestore.offlineengine.EngineListener;
import dev.featurestore.offlineengine.EntityRows;
import dev.featurestore.offlineengine.Export;
import dev.featurestore.offlineengine.FeatureColumn;
import dev.featurestore.offlineengine.KeyColumn;
import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlineengine.Retrieval;
import dev.featurestore.offlineengine.ViewRead;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract suite on the DuckDB engine over local files. */
class DuckDbOfflineEngineTest extends AbstractOfflineEngineTest {
    @Override
    protected OfflineEngine createEngine(ObjectStore store) {
        return new DuckDbOfflineEngine(store, DuckDbSettings.defaults(directory.resolve("duckdb")));
    }

    /** DuckDB writes the parts of an export of entity rows from Parquet one after the other, and checks for a cancel between them. */
    @Test
    void exportCancelledAfterItsFirstPartDeletesThePartsWritten() {
        RowSchema sourceSchema = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP), column("conv", FLOAT64));
        StorageUri source = write(freshPrefix().resolve("driver.parquet"), sourceSchema, List.of(Row.of(sourceSchema, 1L, T, 1.0)));
        RowSchema entitySchema = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP));
        List<Row> entities = List.of(Row.of(entitySchema, 1L, T), Row.of(entitySchema, 1L, T), Row.of(entitySchema, 2L, T));
        StorageUri entityFile = write(freshPrefix().resolve("entities.parquet"), entitySchema, entities);
        Retrieval retrieval = new Retrieval(new EntityRows.Parquet(entityFile, entitySchema, entities.size()), "event_timestamp",
                List.of(new ViewRead("driver", source, "event_timestamp", Optional.empty(), List.of(new KeyColumn("driver_id", "driver_id", INT64)),
                        List.of(new FeatureColumn("conv", "conv", FLOAT64)), Duration.ZERO)));
        StorageUri output = freshPrefix();
        boolean[] sawAPart = {false};
        EngineListener cancelAfterTheFirstPart = new EngineListener() {
            @Override
            public boolean cancelRequested() {
                sawAPart[0] |= !store().list(output).isEmpty();
                return sawAPart[0];
            }
        };

        try (OfflineEngine engine = createEngine(store())) {
            assertThatThrownBy(() -> engine.export(retrieval, Export.allColumns(retrieval, output, 1), cancelAfterTheFirstPart))
                    .isInstanceOf(EngineCancelledException.class);
        }

        assertThat(sawAPart[0]).as("a part was written before the cancel").isTrue();
        assertThat(store().list(output)).isEmpty();
    }
}
