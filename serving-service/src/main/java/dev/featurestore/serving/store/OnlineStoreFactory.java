package dev.featurestore.serving.store;

import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RedisOnlineStore;
import dev.featurestore.runtime.redis.RedisProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The online store on {@code featurestore.redis.uri}: one Redis server, or a Redis Cluster seeded by that URI
 * when {@code featurestore.serving.redis-cluster} is true.
 */
@Factory
class OnlineStoreFactory {

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "featurestore.serving.redis-cluster", notEquals = "true")
    OnlineStore standaloneOnlineStore(RedisClient client) {
        // While disconnected, fail commands at once (the circuit breaker counts them) rather than queue them.
        client.setOptions(client.getOptions().mutate().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        return RedisOnlineStore.standalone(client, Clock.systemUTC());
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    @Requires(property = "featurestore.serving.redis-cluster", value = "true")
    RedisClusterClient redisClusterClient(RedisProperties redis) {
        RedisClusterClient client = RedisClusterClient.create(RedisURI.create(redis.parsedUri()));
        client.setOptions(ClusterClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        return client;
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "featurestore.serving.redis-cluster", value = "true")
    OnlineStore clusterOnlineStore(RedisClusterClient client) {
        return RedisOnlineStore.cluster(client, Clock.systemUTC());
    }
}
