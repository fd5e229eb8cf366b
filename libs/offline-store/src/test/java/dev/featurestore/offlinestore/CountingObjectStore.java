package dev.featurestore.offlinestore;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Wraps a store and counts ranged reads and the bytes they return. */
final class CountingObjectStore implements ObjectStore {
    private final ObjectStore delegate;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong bytesRead = new AtomicLong();

    CountingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    int reads() {
        return reads.get();
    }

    long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public List<ObjectInfo> list(StorageUri prefix) {
        return delegate.list(prefix);
    }

    @Override
    public long size(StorageUri uri) {
        return delegate.size(uri);
    }

    @Override
    public byte[] read(StorageUri uri, long offset, int length) {
        reads.incrementAndGet();
        bytesRead.addAndGet(length);
        return delegate.read(uri, offset, length);
    }

    @Override
    public void put(StorageUri uri, byte[] content) {
        delegate.put(uri, content);
    }

    @Override
    public ObjectWriter create(StorageUri uri) {
        return delegate.create(uri);
    }

    @Override
    public void delete(StorageUri uri) {
        delegate.delete(uri);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
