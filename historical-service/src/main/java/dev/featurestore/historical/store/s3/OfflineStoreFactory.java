package dev.featurestore.historical.store.s3;

import dev.featurestore.historical.domain.TrainingSetPlanner;
import dev.featurestore.offlinestore.ConfinedObjectStore;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.RoutingObjectStore;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.StorageRoots;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.runtime.s3.S3Properties;
import dev.featurestore.runtime.storage.StorageProperties;
import dev.featurestore.transforms.OnDemandPrograms;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object store of training-set reads and writes: {@code s3://} through the service's S3 client, {@code file://}
 * locally, confined to the allowed storage roots.
 */
@Factory
class OfflineStoreFactory {
    @Singleton
    @Bean(preDestroy = "close")
    ObjectStore objectStore(S3Client client, StorageRoots roots) {
        return new ConfinedObjectStore(
                new RoutingObjectStore(Map.of(StorageUri.Scheme.S3, new S3ObjectStore(client), StorageUri.Scheme.FILE, new LocalObjectStore())),
                roots);
    }

    /** Where requests and feature sources may point (README: Storage roots); a bad root fails the start naming the property. */
    @Singleton
    StorageRoots storageRoots(StorageProperties storage, S3Properties s3) {
        return StorageRoots.fromConfiguration(storage.allowedRoots(), storage.allowLocalFiles(), s3.bucket());
    }

    @Singleton
    TrainingSetPlanner trainingSetPlanner() {
        return new TrainingSetPlanner(new OnDemandPrograms());
    }
}
