package dev.featurestore.historical.store.s3;

import dev.featurestore.historical.domain.TrainingSetPlanner;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.RoutingObjectStore;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.transforms.OnDemandPrograms;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/** The object store of training-set reads and writes: {@code s3://} through the service's S3 client, {@code file://} locally. */
@Factory
class OfflineStoreFactory {
    @Singleton
    @Bean(preDestroy = "close")
    ObjectStore objectStore(S3Client client) {
        return new RoutingObjectStore(Map.of(StorageUri.Scheme.S3, new S3ObjectStore(client), StorageUri.Scheme.FILE, new LocalObjectStore()));
    }

    @Singleton
    TrainingSetPlanner trainingSetPlanner() {
        return new TrainingSetPlanner(new OnDemandPrograms());
    }
}
