package dev.featurestore.offlinestore;

/** The object named does not exist. */
public class ObjectNotFoundException extends OfflineStoreException {
    public ObjectNotFoundException(StorageUri uri) {
        super("object %s does not exist".formatted(uri));
    }

    public ObjectNotFoundException(StorageUri uri, Throwable cause) {
        super("object %s does not exist".formatted(uri), cause);
    }
}
