package dev.featurestore.runtime.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The Lettuce client of {@code featurestore.redis.uri}; it owns its Netty resources and releases them on close. */
@Factory
@Requires(classes = RedisClient.class)
@Requires(property = "featurestore.redis.enabled", value = "true")
public class RedisClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    RedisClient redisClient(RedisProperties properties) {
        return RedisClient.create(RedisURI.create(properties.parsedUri()));
    }
}
