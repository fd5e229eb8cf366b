package dev.featurestore.registry.config;

import dev.featurestore.offlinestore.StorageRoots;
import dev.featurestore.runtime.storage.StorageProperties;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The storage roots data-source paths must lie under (README: Storage roots); a bad root fails the start naming the property. */
@Factory
class StorageRootsFactory {
    @Singleton
    StorageRoots storageRoots(StorageProperties storage, @Value("${featurestore.s3.bucket:featurestore}") String bucket) {
        return StorageRoots.fromConfiguration(storage.allowedRoots(), storage.allowLocalFiles(), bucket);
    }
}
