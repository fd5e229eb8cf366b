package dev.featurestore.serving.store;

import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RedisOnlineStore;
import dev.featurestore.runtime.redis.RedisProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The online store on {@code featurestore.redis.uri}: one Redis server, or a Redis Cluster seeded by that URI
 * when {@code featurestore.serving.redis-cluster} is true. Its connections are bound to the HTTP server's event
 * loops (Micronaut's {@code default} group, which the server's workers use): a request handled on a loop reads
 * Redis and answers on that same thread. While disconnected, commands fail at once (the circuit breaker counts
 * them) rather than queue.
 */
@Factory
class OnlineStoreFactory {

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "featurestore.serving.redis-cluster", notEquals = "true")
    OnlineStore standaloneOnlineStore(RedisProperties redis, EventLoopGroupRegistry registry) {
        ClientOptions options = ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build();
        return RedisOnlineStore.standalone(RedisURI.create(redis.parsedUri()), options, registry.getDefaultEventLoopGroup(), Clock.systemUTC());
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "featurestore.serving.redis-cluster", value = "true")
    OnlineStore clusterOnlineStore(RedisProperties redis, EventLoopGroupRegistry registry) {
        ClusterClientOptions options = ClusterClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build();
        return RedisOnlineStore.cluster(RedisURI.create(redis.parsedUri()), options, registry.getDefaultEventLoopGroup(), Clock.systemUTC());
    }
}
