package dev.featurestore.offlinestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfinedObjectStoreTest {
    @TempDir
    Path directory;

    @Test
    void readsAndWritesUnderARootAndNothingElse() throws IOException {
        Path allowed = Files.createDirectories(directory.resolve("allowed"));
        Path outside = Files.createDirectories(directory.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
        StorageRoots roots = StorageRoots.of(List.of(StorageUri.of(allowed).asPrefix().toString()), true, "featurestore");
        ObjectStore store = new ConfinedObjectStore(new LocalObjectStore(), roots);

        store.put(StorageUri.of(allowed.resolve("a/object")), new byte[] {1, 2});
        assertThat(store.read(StorageUri.of(allowed.resolve("a/object")), 0, 2)).containsExactly(1, 2);
        assertThat(store.list(StorageUri.of(allowed).asPrefix())).hasSize(1);

        StorageUri secret = StorageUri.of(outside.resolve("secret"));
        // StorageUri.parse keeps '..' segments as they are: refused, not resolved
        StorageUri climbing = StorageUri.parse(StorageUri.of(allowed).asPrefix() + "../outside/secret");
        for (StorageUri forbidden : List.of(secret, climbing)) {
            assertThatThrownBy(() -> store.read(forbidden, 0, 6)).isInstanceOf(StorageNotAllowedException.class);
            assertThatThrownBy(() -> store.list(forbidden)).isInstanceOf(StorageNotAllowedException.class);
            assertThatThrownBy(() -> store.size(forbidden)).isInstanceOf(StorageNotAllowedException.class);
            assertThatThrownBy(() -> store.delete(forbidden)).isInstanceOf(StorageNotAllowedException.class);
        }
        StorageUri created = StorageUri.of(outside.resolve("created/by/write"));
        assertThatThrownBy(() -> store.put(created, new byte[] {1})).isInstanceOf(StorageNotAllowedException.class);
        assertThatThrownBy(() -> store.create(created)).isInstanceOf(StorageNotAllowedException.class)
                .hasMessageContaining("outside the allowed storage roots");
        assertThat(outside.resolve("secret")).hasContent("secret");
        assertThat(outside.resolve("created")).doesNotExist();
    }

    @Test
    void refusesLocalFilesWhenOnlyABucketIsAllowed() {
        ObjectStore store = new ConfinedObjectStore(new LocalObjectStore(), StorageRoots.bucket("featurestore"));

        assertThatThrownBy(() -> store.list(StorageUri.of(directory).asPrefix())).isInstanceOf(StorageNotAllowedException.class)
                .hasMessageContaining("local paths");
    }
}
