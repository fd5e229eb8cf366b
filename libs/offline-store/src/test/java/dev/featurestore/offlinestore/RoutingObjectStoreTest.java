package dev.featurestore.offlinestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingObjectStoreTest {
    @TempDir
    Path directory;

    @Test
    void routesByScheme() {
        RoutingObjectStore store = new RoutingObjectStore(Map.of(StorageUri.Scheme.FILE, new LocalObjectStore()));
        StorageUri uri = StorageUri.of(directory).resolve("a.bin");

        store.put(uri, new byte[] {7});

        assertThat(store.read(uri, 0, 1)).containsExactly(7);
    }

    @Test
    void failsNamingTheUriWhenNoStoreServesItsScheme() {
        RoutingObjectStore store = new RoutingObjectStore(Map.of(StorageUri.Scheme.FILE, new LocalObjectStore()));

        assertThatThrownBy(() -> store.size(StorageUri.parse("s3://bucket/a.parquet")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no object store is configured for s3://bucket/a.parquet (configured: [FILE])");
    }
}
