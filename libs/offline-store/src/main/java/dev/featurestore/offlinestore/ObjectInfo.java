package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

/** An object found by a listing: where it is and its size in bytes. */
public record ObjectInfo(StorageUri uri, long size) {
    public ObjectInfo {
        requireNonNull(uri, "uri is null");
    }
}
