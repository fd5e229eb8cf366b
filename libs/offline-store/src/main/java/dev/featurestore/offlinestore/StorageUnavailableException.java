package dev.featurestore.offlinestore;

/** The object store could not be reached (connection refused, timed out): nothing is wrong with the object itself; retry later. */
public final class StorageUnavailableException extends OfflineStoreException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
