package dev.featurestore.offlineengine.micronaut;

import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlineengine.duckdb.DuckDbOfflineEngine;
import dev.featurestore.offlinestore.ObjectStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The service's offline engine, over its (confined) object store; closed with the application context. */
@Factory
public class OfflineEngineFactory {
    @Singleton
    @Bean(preDestroy = "close")
    OfflineEngine offlineEngine(ObjectStore store, OfflineEngineProperties properties) {
        return new DuckDbOfflineEngine(store, properties.duckDbSettings());
    }
}
