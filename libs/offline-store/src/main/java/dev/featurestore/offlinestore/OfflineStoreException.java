package dev.featurestore.offlinestore;

/** A failure reading or writing an object; the message names the object (and column when known). */
public class OfflineStoreException extends RuntimeException {
    public OfflineStoreException(String message) {
        super(message);
    }

    public OfflineStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
