package dev.featurestore.testkit;

import java.util.Map;

/**
 * Kafka, PostgreSQL, Redis and an S3 API server, started in parallel. Tests use {@link #shared()}:
 * one stack per test JVM, closed when the JVM exits. The dev stack uses {@link #start(StackOptions)}
 * with fixed ports and a data directory.
 */
public interface TestStack extends AutoCloseable {

    /** The stack shared by every test of this JVM, started on first call. */
    static TestStack shared() {
        return Stacks.shared();
    }

    /** A new stack of its own; the caller closes it. */
    static TestStack start(StackOptions options) {
        return Stacks.start(options, true);
    }

    /**
     * Starts a stack that only its caller closes: no JVM shutdown hook closes it, so a caller that stops processes
     * using it on shutdown (the dev stack's services) can close it after them, rather than racing its own hook.
     */
    static TestStack startClosedByCaller(StackOptions options) {
        return Stacks.start(options, false);
    }

    StackMode mode();

    KafkaServer kafka();

    PostgresServer postgres();

    RedisServer redis();

    S3Server s3();

    /** A three-master Redis Cluster, started on first call and shared like the stack. */
    RedisCluster redisCluster();

    /** A Kafka broker of its own that a fault test may stop and restart; the caller closes it. */
    KafkaServer dedicatedKafka();

    /** A PostgreSQL server of its own that a fault test may stop and restart; the caller closes it. */
    PostgresServer dedicatedPostgres();

    /** A redis-server of its own that a fault test may stop and restart; the caller closes it. */
    RedisServer dedicatedRedis();

    /** An S3 API server of its own that a fault test may stop and restart; the caller closes it. */
    S3Server dedicatedS3();

    /**
     * Micronaut properties pointing a service at this stack:
     * {@code kafka.bootstrap.servers}, {@code datasources.default.url|username|password|driver-class-name},
     * {@code featurestore.redis.uri}, {@code featurestore.s3.endpoint|access-key|secret-key|region|bucket},
     * and {@code otel.traces.exporter=none}.
     */
    Map<String, Object> properties();

    @Override
    void close();
}
