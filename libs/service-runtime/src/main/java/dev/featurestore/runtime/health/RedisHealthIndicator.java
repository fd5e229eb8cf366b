package dev.featurestore.runtime.health;

import static java.util.Objects.requireNonNull;

import dev.featurestore.runtime.config.Redaction;
import dev.featurestore.runtime.redis.RedisProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code redis}: {@code PING} (and the server version from {@code INFO server}) through Lettuce, active in services with a {@link RedisClient}. */
@Singleton
@Requires(classes = RedisClient.class)
@Requires(beans = RedisClient.class)
public final class RedisHealthIndicator extends DependencyHealthIndicator {
    public static final String NAME = "redis";

    private final RedisClient client;
    private final String uri;

    public RedisHealthIndicator(
            RedisClient client,
            RedisProperties redisProperties,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor,
            HealthProperties properties) {
        super(NAME, executor, properties);
        this.client = requireNonNull(client, "client is null");
        this.uri = Redaction.redact(redisProperties.parsedUri());
    }

    @Override
    protected Map<String, Object> location() {
        return Map.of("uri", uri);
    }

    @Override
    protected Map<String, Object> probe(Duration timeout) throws Exception {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            long millis = timeout.toMillis();
            String pong = connection.async().ping().get(millis, TimeUnit.MILLISECONDS);
            if (!"PONG".equals(pong)) {
                throw new IllegalStateException("PING answered '%s'".formatted(pong));
            }
            String info = connection.async().info("server").get(millis, TimeUnit.MILLISECONDS);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", infoField(info, "redis_version"));
            details.put("mode", infoField(info, "redis_mode"));
            return details;
        }
    }

    private static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "unknown";
    }
}
