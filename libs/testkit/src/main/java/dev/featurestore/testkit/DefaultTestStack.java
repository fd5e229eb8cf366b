package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The four servers of a stack, plus the cluster and dedicated servers it started on request. */
final class DefaultTestStack implements TestStack {
    private final StackMode mode;
    private final KafkaServer kafka;
    private final PostgresServer postgres;
    private final RedisServer redis;
    private final S3Server s3;
    private final Supplier<RedisCluster> clusterStarter;
    private final ServerFactory dedicatedServers;
    private final List<AutoCloseable> startedOnRequest = new ArrayList<>();
    private RedisCluster redisCluster;
    private boolean closed;
    private Thread shutdownHook;

    DefaultTestStack(
            StackMode mode,
            KafkaServer kafka,
            PostgresServer postgres,
            RedisServer redis,
            S3Server s3,
            Supplier<RedisCluster> clusterStarter,
            ServerFactory dedicatedServers) {
        this.mode = requireNonNull(mode, "mode is null");
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.postgres = requireNonNull(postgres, "postgres is null");
        this.redis = requireNonNull(redis, "redis is null");
        this.s3 = requireNonNull(s3, "s3 is null");
        this.clusterStarter = requireNonNull(clusterStarter, "clusterStarter is null");
        this.dedicatedServers = requireNonNull(dedicatedServers, "dedicatedServers is null");
    }

    @Override
    public StackMode mode() {
        return mode;
    }

    @Override
    public KafkaServer kafka() {
        return kafka;
    }

    @Override
    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public RedisServer redis() {
        return redis;
    }

    @Override
    public S3Server s3() {
        return s3;
    }

    @Override
    public synchronized RedisCluster redisCluster() {
        checkOpen();
        if (redisCluster == null) {
            redisCluster = clusterStarter.get();
            startedOnRequest.add(redisCluster);
        }
        return redisCluster;
    }

    @Override
    public KafkaServer dedicatedKafka() {
        return register(dedicatedServers.kafka(0, Optional.empty()));
    }

    @Override
    public PostgresServer dedicatedPostgres() {
        return register(dedicatedServers.postgres(0, Optional.empty()));
    }

    @Override
    public RedisServer dedicatedRedis() {
        return register(dedicatedServers.redis(0, Optional.empty()));
    }

    @Override
    public S3Server dedicatedS3() {
        return register(dedicatedServers.s3(0, Optional.empty()));
    }

    /** Dedicated servers are the caller's to close; the stack closes them too, in case it forgot. */
    private synchronized <T extends AutoCloseable> T register(T server) {
        if (closed) {
            closeQuietly(server);
            throw new IllegalStateException("the stack is closed");
        }
        startedOnRequest.add(server);
        return server;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("datasources.default.url", postgres.jdbcUrl());
        properties.put("datasources.default.username", postgres.user());
        properties.put("datasources.default.password", postgres.password());
        properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        properties.put("featurestore.redis.uri", redis.uri());
        properties.put("featurestore.s3.endpoint", s3.endpoint());
        properties.put("featurestore.s3.access-key", s3.accessKey());
        properties.put("featurestore.s3.secret-key", s3.secretKey());
        properties.put("featurestore.s3.region", s3.region());
        properties.put("featurestore.s3.bucket", s3.bucket());
        properties.put("otel.traces.exporter", "none");
        properties.putAll(TestKeys.properties());
        return Collections.unmodifiableMap(properties);
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the stack is closed");
        }
    }

    /** Closes the stack when the JVM exits, unless its owner closes it first. */
    synchronized void closeOnShutdown() {
        shutdownHook = new Thread(this::close, "testkit-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public void close() {
        List<AutoCloseable> servers;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            servers = new ArrayList<>(startedOnRequest);
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down; the hook does the same work
                }
            }
        }
        servers.addAll(List.of(kafka, postgres, redis, s3));
        Stacks.closeAll(servers);
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            // already failing
        }
    }

    @Override
    public String toString() {
        return "TestStack[%s: %s, %s, %s, %s]".formatted(mode, kafka, postgres, redis, s3);
    }
}
