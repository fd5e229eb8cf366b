package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link ObjectStore} per URI scheme behind one interface, so that callers take any {@link StorageUri}.
 * A scheme without a store fails with a message naming the URI. Closing closes every store.
 */
public final class RoutingObjectStore implements ObjectStore {
    private final Map<StorageUri.Scheme, ObjectStore> stores;

    public RoutingObjectStore(Map<StorageUri.Scheme, ObjectStore> stores) {
        requireNonNull(stores, "stores is null");
        this.stores = new EnumMap<>(StorageUri.Scheme.class);
        this.stores.putAll(stores);
    }

    /** Local files, and S3 when {@code s3} is given. */
    public static RoutingObjectStore of(LocalObjectStore files, S3ObjectStore s3) {
        return new RoutingObjectStore(Map.of(StorageUri.Scheme.FILE, files, StorageUri.Scheme.S3, s3));
    }

    private ObjectStore storeFor(StorageUri uri) {
        requireNonNull(uri, "uri is null");
        ObjectStore store = stores.get(uri.scheme());
        if (store == null) {
            throw new IllegalArgumentException("no object store is configured for %s (configured: %s)".formatted(uri, stores.keySet()));
        }
        return store;
    }

    @Override
    public List<ObjectInfo> list(StorageUri prefix) {
        return storeFor(prefix).list(prefix);
    }

    @Override
    public long size(StorageUri uri) {
        return storeFor(uri).size(uri);
    }

    @Override
    public byte[] read(StorageUri uri, long offset, int length) {
        return storeFor(uri).read(uri, offset, length);
    }

    @Override
    public void readInto(StorageUri uri, long offset, byte[] target, int targetOffset, int length) {
        storeFor(uri).readInto(uri, offset, target, targetOffset, length);
    }

    @Override
    public void put(StorageUri uri, byte[] content) {
        storeFor(uri).put(uri, content);
    }

    @Override
    public ObjectWriter create(StorageUri uri) {
        return storeFor(uri).create(uri);
    }

    @Override
    public void delete(StorageUri uri) {
        storeFor(uri).delete(uri);
    }

    @Override
    public void close() {
        stores.values().forEach(ObjectStore::close);
    }
}
