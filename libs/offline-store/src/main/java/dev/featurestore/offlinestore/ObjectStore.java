package dev.featurestore.offlinestore;

import java.util.List;

/**
 * Objects under one URI scheme: listing, ranged reads and atomic writes. Nothing written becomes
 * visible before {@link ObjectWriter#commit()} returns, and a writer closed without a commit leaves
 * nothing behind.
 */
public interface ObjectStore extends AutoCloseable {

    /** Every object whose key starts with {@code prefix} (recursively), sorted by key. */
    List<ObjectInfo> list(StorageUri prefix);

    /**
     * The size of an object in bytes.
     *
     * @throws ObjectNotFoundException when there is no such object
     */
    long size(StorageUri uri);

    /**
     * {@code length} bytes starting at {@code offset}.
     *
     * @throws ObjectNotFoundException when there is no such object
     */
    byte[] read(StorageUri uri, long offset, int length);

    /**
     * Reads {@code length} bytes starting at {@code offset} into {@code target} from {@code targetOffset}: the same
     * as {@link #read} without a second copy where the store can fill the caller's array itself.
     *
     * @throws ObjectNotFoundException when there is no such object
     */
    default void readInto(StorageUri uri, long offset, byte[] target, int targetOffset, int length) {
        System.arraycopy(read(uri, offset, length), 0, target, targetOffset, length);
    }

    /** Writes a whole object at once, replacing any previous one atomically. */
    void put(StorageUri uri, byte[] content);

    /** A streaming writer: the object appears on {@link ObjectWriter#commit()}, never before. */
    ObjectWriter create(StorageUri uri);

    /** Deletes an object; no error when it does not exist. */
    void delete(StorageUri uri);

    @Override
    void close();
}
