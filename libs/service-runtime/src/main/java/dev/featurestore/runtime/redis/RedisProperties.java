package dev.featurestore.runtime.redis;

import dev.featurestore.runtime.config.ConfigurationChecks;
import dev.featurestore.runtime.config.Redaction;
import io.lettuce.core.RedisClient;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.net.URI;

/**
 * {@code featurestore.redis.*}, read by services that use Redis: they put Lettuce on their
 * classpath and set {@code featurestore.redis.enabled: true} (a switch, so that the shared test
 * properties, which name every server, do not wire Redis into a service that does not use it).
 *
 * @param uri {@code redis://host:port} or {@code rediss://} (TLS); may carry a password and a database number
 */
@Context
@Requires(classes = RedisClient.class)
@Requires(property = "featurestore.redis.enabled", value = "true")
@ConfigurationProperties("featurestore.redis")
public record RedisProperties(String uri) {
    public RedisProperties {
        ConfigurationChecks.requireUri(uri, "featurestore.redis.uri", "redis", "rediss");
    }

    public URI parsedUri() {
        return URI.create(uri.trim());
    }

    @Override
    public String toString() {
        return "RedisProperties[uri=%s]".formatted(Redaction.redact(parsedUri()));
    }
}
