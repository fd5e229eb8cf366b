package dev.featurestore.offlinestore;

/** An object outside the allowed storage roots was to be read or written: nothing was done. */
public final class StorageNotAllowedException extends OfflineStoreException {
    public StorageNotAllowedException(String message, Throwable cause) {
        super(message, cause);
    }
}
