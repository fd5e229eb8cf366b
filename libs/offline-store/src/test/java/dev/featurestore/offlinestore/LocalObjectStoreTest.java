package dev.featurestore.offlinestore;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest extends AbstractObjectStoreTest {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @TempDir
    Path directory;

    private final LocalObjectStore store = new LocalObjectStore();

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected StorageUri freshPrefix() {
        return StorageUri.of(directory).resolve("prefix-%d/".formatted(PREFIXES.incrementAndGet()));
    }

    @Override
    protected int largeObjectSize() {
        return 3 * 1024 * 1024;
    }
}
