package dev.featurestore.offlineengine.duckdb;

import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.UNIX_TIMESTAMP;
import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.offlineengine.AbstractOfflineEngineTest;
import dev.featurestore.offlineengine.EngineFailedException;
import dev.featurestore.offlineengine.EntityRows;
import dev.featurestore.offlineengine.FeatureColumn;
import dev.featurestore.offlineengine.KeyColumn;
import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlineengine.Retrieval;
import dev.featurestore.offlineengine.ViewRead;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.testkit.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The contract suite on the DuckDB engine over the S3 API (the shared test stack's server): every object is staged. */
class DuckDbOfflineEngineS3IT extends AbstractOfflineEngineTest {
    private static S3Client client;
    private static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        client = TestStack.shared().s3().client();
        store = new S3ObjectStore(client);
    }

    @AfterAll
    static void disconnect() {
        store.close();
        client.close();
    }

    @Test
    void leavesNoStagedObjectBehindAfterACallOrAFailure() throws IOException {
        RowSchema schema = RowSchema.of(column("driver_id", INT64), column("event_timestamp", UNIX_TIMESTAMP), column("conv", FLOAT64));
        StorageUri source = write(freshPrefix().resolve("driver/part-0.parquet"), schema, List.of(Row.of(schema, 1L, T, 1.0)));
        ViewRead view = view("driver", source);
        EntityRows entities = new EntityRows.Inline(ColumnBatch.of(schema, List.of(Row.of(schema, 1L, T, 0.0))));

        assertThat(retrieve(new Retrieval(entities, "event_timestamp", List.of(view)))).hasSize(1);
        // the first view is staged when the second turns out to be missing
        assertThatThrownBy(() -> retrieve(new Retrieval(entities, "event_timestamp", List.of(view, view("missing", freshPrefix().resolve("x.parquet"))))))
                .isInstanceOf(EngineFailedException.class);

        try (Stream<Path> left = Files.list(directory.resolve("duckdb"))) {
            assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("call-"));
        }
    }

    private static ViewRead view(String name, StorageUri source) {
        return new ViewRead(name, source, "event_timestamp", Optional.empty(), List.of(new KeyColumn("driver_id", "driver_id", INT64)),
                List.of(new FeatureColumn("conv", "conv", FLOAT64)), Duration.ZERO);
    }

    @Override
    protected OfflineEngine createEngine(ObjectStore store) {
        return new DuckDbOfflineEngine(store, DuckDbSettings.defaults(directory.resolve("duckdb")));
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected StorageUri freshPrefix() {
        return StorageUri.s3(TestStack.shared().s3().bucket(), "offline-engine-test/%s/".formatted(UUID.randomUUID()));
    }
}
