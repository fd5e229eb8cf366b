package dev.featurestore.serving.store;

import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.RoutingObjectStore;
import dev.featurestore.offlinestore.S3ObjectStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

/** Where offline pushes land: {@code s3://} through the service's S3 client, {@code file://} locally. */
@Factory
class OfflineStoreFactory {
    @Singleton
    @Bean(preDestroy = "close")
    ObjectStore objectStore(S3Client client) {
        return RoutingObjectStore.of(new LocalObjectStore(), new S3ObjectStore(client));
    }
}
