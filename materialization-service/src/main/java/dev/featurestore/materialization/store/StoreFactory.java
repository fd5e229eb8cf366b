package dev.featurestore.materialization.store;

import dev.featurestore.materialization.config.BoundsProperties;
import dev.featurestore.materialization.config.MaterializationProperties;
import dev.featurestore.materialization.domain.ViewMaterializer;
import dev.featurestore.materialization.domain.skew.SkewChecker;
import dev.featurestore.materialization.domain.stream.StreamIngestion;
import dev.featurestore.materialization.store.http.HistoricalPointInTimeSource;
import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlinestore.ConfinedObjectStore;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.RoutingObjectStore;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.StorageRoots;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RedisOnlineStore;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.runtime.redis.RedisProperties;
import dev.featurestore.runtime.s3.S3Properties;
import dev.featurestore.runtime.storage.StorageProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import dev.featurestore.runtime.security.SecurityProperties;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stores a run reads and writes: the offline store ({@code s3://} through the service's S3 client,
 * {@code file://} locally, confined to the allowed storage roots) and the online store on {@code featurestore.redis.uri}, one Redis server or, with
 * {@code featurestore.materialization.redis-cluster}, a Redis Cluster seeded by it.
 */
@Factory
class StoreFactory {
    @Singleton
    @Bean(preDestroy = "close")
    ObjectStore objectStore(S3Client client, StorageRoots roots) {
        return new ConfinedObjectStore(RoutingObjectStore.of(new LocalObjectStore(), new S3ObjectStore(client)), roots);
    }

    /** Where source paths may point (README: Storage roots); a bad root fails the start naming the property. */
    @Singleton
    StorageRoots storageRoots(StorageProperties storage, S3Properties s3) {
        return StorageRoots.fromConfiguration(storage.allowedRoots(), storage.allowLocalFiles(), s3.bucket());
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "featurestore.materialization.redis-cluster", notEquals = "true")
    OnlineStore standaloneOnlineStore(RedisClient client) {
        return RedisOnlineStore.standalone(client, Clock.systemUTC());
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    @Requires(property = "featurestore.materialization.redis-cluster", value = "true")
    RedisClusterClient redisClusterClient(RedisProperties redis) {
        return RedisClusterClient.create(RedisURI.create(redis.parsedUri()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "featurestore.materialization.redis-cluster", value = "true")
    OnlineStore clusterOnlineStore(RedisClusterClient client) {
        return RedisOnlineStore.cluster(client, Clock.systemUTC());
    }

    /** Runs read through the offline engine ({@code featurestore.offline-engine.*}), which reads the confined object store above. */
    @Singleton
    ViewMaterializer viewMaterializer(OfflineEngine engine, OnlineStore onlineStore, MaterializationProperties properties) {
        return new ViewMaterializer(engine, onlineStore, new ViewMaterializer.Settings(properties.writeBatchSize(), properties.writesInFlight(),
                properties.writeTimeout(), properties.expiryRetention(), properties.skewCheckSampleSize()));
    }

    @Singleton
    StreamIngestion streamIngestion(RegistryClient registry, OnlineStore onlineStore, ObjectStore offlineStore, StorageRoots roots,
                                    MaterializationProperties properties, BoundsProperties bounds) {
        return new StreamIngestion(registry, onlineStore, offlineStore, roots, properties.writeTimeout(), properties.expiryRetention(),
                bounds.timestampRange());
    }

    @Singleton
    SkewChecker skewChecker(OnlineStore onlineStore, MaterializationProperties properties, JsonMapper json, SecurityProperties security) {
        return new SkewChecker(onlineStore, new HistoricalPointInTimeSource(URI.create(properties.historicalUrl()), properties.skewCheckTimeout(), json,
                security.serviceKeyValue()),
                properties.writeTimeout());
    }
}
