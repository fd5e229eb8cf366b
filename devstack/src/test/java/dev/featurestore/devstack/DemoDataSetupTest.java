package dev.featurestore.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.examples.DemoData;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.StorageUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataSetupTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final DemoData.Settings SMALL = DemoData.Settings.defaults(NOW).withSize(2, 10, 10, 3, 100);

    @TempDir
    Path dataDirectory;

    @TempDir
    Path bucket;

    @Test
    void writesTheDemoDataOnceAndLeavesItAloneOnTheNextStart() throws IOException {
        StorageUri root = StorageUri.of(bucket).asPrefix();
        try (ObjectStore store = new LocalObjectStore()) {
            DemoDataSetup.Outcome first = DemoDataSetup.writeOnFirstStart(dataDirectory, store, root, SMALL);

            assertThat(first.written()).isTrue();
            assertThat(first.message()).contains("files").contains(root.toString());
            assertThat(store.list(root.resolve(DemoData.RIDE_ORDERS))).hasSize(1);
            assertThat(Files.readString(dataDirectory.resolve(DemoDataSetup.MARKER))).contains("now=" + NOW);

            // A user deleted a file meanwhile: the next start does not write it again.
            store.delete(root.resolve(DemoData.RIDE_ORDERS));
            DemoDataSetup.Outcome second = DemoDataSetup.writeOnFirstStart(dataDirectory, store, root, SMALL);

            assertThat(second.written()).isFalse();
            assertThat(second.message()).contains(DemoDataSetup.MARKER);
            assertThat(store.list(root.resolve(DemoData.RIDE_ORDERS))).isEmpty();
        }
    }

    @Test
    void aFailedWriteLeavesNoMarkerSoTheNextStartTriesAgain() throws IOException {
        // A regular file where the root directory should be: nothing can be written below it.
        Path blocked = Files.writeString(bucket.resolve("not-a-directory"), "x");
        try (ObjectStore store = new LocalObjectStore()) {
            assertThatThrownBy(() -> DemoDataSetup.writeOnFirstStart(dataDirectory, store, StorageUri.of(blocked).asPrefix(), SMALL))
                    .isInstanceOf(RuntimeException.class);

            assertThat(dataDirectory.resolve(DemoDataSetup.MARKER)).doesNotExist();
        }
    }
}
