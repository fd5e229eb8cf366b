package dev.featurestore.serving.store;

import dev.featurestore.offlinestore.ConfinedObjectStore;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.RoutingObjectStore;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.StorageRoots;
import dev.featurestore.runtime.s3.S3Properties;
import dev.featurestore.runtime.storage.StorageProperties;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

/** Where offline pushes land: {@code s3://} through the service's S3 client, {@code file://} locally, under the allowed storage roots. */
@Factory
class OfflineStoreFactory {
    @Singleton
    @Bean(preDestroy = "close")
    ObjectStore objectStore(S3Client client, StorageRoots roots) {
        return new ConfinedObjectStore(RoutingObjectStore.of(new LocalObjectStore(), new S3ObjectStore(client)), roots);
    }

    /** Where offline pushes may land (README: Storage roots); a bad root fails the start naming the property. */
    @Singleton
    StorageRoots storageRoots(StorageProperties storage, S3Properties s3) {
        return StorageRoots.fromConfiguration(storage.allowedRoots(), storage.allowLocalFiles(), s3.bucket());
    }
}
