package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An object store that reads and writes only under the allowed {@link StorageRoots}: every call is checked
 * ({@link StorageRoots#check(StorageUri)}) before it reaches the store it wraps, so a definition stored before the roots
 * were configured (a {@code file://} source, another bucket) fails its reads and writes with
 * {@link StorageNotAllowedException} instead of being served. Closing it closes the wrapped store.
 */
public final class ConfinedObjectStore implements ObjectStore {
    private final ObjectStore store;
    private final StorageRoots roots;

    public ConfinedObjectStore(ObjectStore store, StorageRoots roots) {
        this.store = requireNonNull(store, "store is null");
        this.roots = requireNonNull(roots, "roots is null");
    }

    public StorageRoots roots() {
        return roots;
    }

    private StorageUri confined(StorageUri uri) {
        try {
            return roots.check(uri);
        } catch (IllegalArgumentException e) {
            throw new StorageNotAllowedException("Storage not allowed: %s".formatted(e.getMessage()), e);
        }
    }

    @Override
    public List<ObjectInfo> list(StorageUri prefix) {
        return store.list(confined(prefix));
    }

    @Override
    public long size(StorageUri uri) {
        return store.size(confined(uri));
    }

    @Override
    public byte[] read(StorageUri uri, long offset, int length) {
        return store.read(confined(uri), offset, length);
    }

    @Override
    public void readInto(StorageUri uri, long offset, byte[] target, int targetOffset, int length) {
        store.readInto(confined(uri), offset, target, targetOffset, length);
    }

    @Override
    public void put(StorageUri uri, byte[] content) {
        store.put(confined(uri), content);
    }

    @Override
    public ObjectWriter create(StorageUri uri) {
        return store.create(confined(uri));
    }

    @Override
    public void delete(StorageUri uri) {
        store.delete(confined(uri));
    }

    @Override
    public void close() {
        store.close();
    }
}
