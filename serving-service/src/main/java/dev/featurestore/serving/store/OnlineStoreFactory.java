package dev.featurestore.serving.store;

import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RedisOnlineStore;
import dev.featurestore.runtime.redis.RedisProperties;
import dev.featurestore.serving.config.ServingProperties;
import dev.featurestore.serving.domain.ServingMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
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
 * them) rather than queue. The service's code gets it inside a {@link GuardedOnlineStore} (timeouts, circuit breaker,
 * bulkhead, spans and metrics).
 */
@Factory
class OnlineStoreFactory {

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "featurestore.serving.redis-cluster", notEquals = "true")
    GuardedOnlineStore standaloneOnlineStore(RedisProperties redis, EventLoopGroupRegistry registry, Guard guard) {
        ClientOptions options = ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build();
        return guard.around(RedisOnlineStore.standalone(RedisURI.create(redis.parsedUri()), options, registry.getDefaultEventLoopGroup(), Clock.systemUTC()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "featurestore.serving.redis-cluster", value = "true")
    GuardedOnlineStore clusterOnlineStore(RedisProperties redis, EventLoopGroupRegistry registry, Guard guard) {
        ClusterClientOptions options = ClusterClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build();
        return guard.around(RedisOnlineStore.cluster(RedisURI.create(redis.parsedUri()), options, registry.getDefaultEventLoopGroup(), Clock.systemUTC()));
    }

    /** What the guard around the store needs. */
    @Singleton
    static final class Guard {
        private final ServingProperties properties;
        private final MeterRegistry meters;
        private final ServingMetrics metrics;
        private final OpenTelemetry openTelemetry;
        private final LoopTimeouts timeouts;

        Guard(ServingProperties properties, MeterRegistry meters, ServingMetrics metrics, OpenTelemetry openTelemetry, LoopTimeouts timeouts) {
            this.properties = properties;
            this.meters = meters;
            this.metrics = metrics;
            this.openTelemetry = openTelemetry;
            this.timeouts = timeouts;
        }

        GuardedOnlineStore around(OnlineStore store) {
            return new GuardedOnlineStore(store, properties, meters, metrics, openTelemetry, timeouts);
        }
    }
}
