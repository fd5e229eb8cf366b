package dev.featurestore.testkit;

import java.nio.file.Path;
import java.util.Optional;

/** In-process Kafka and S3 API, child-process PostgreSQL and Redis: needs only a JDK. */
final class EmbeddedServers implements ServerFactory {
    static final EmbeddedServers INSTANCE = new EmbeddedServers();

    private EmbeddedServers() {
    }

    @Override
    public KafkaServer kafka(int port, Optional<Path> dataDirectory) {
        return EmbeddedKafkaServer.start(port, dataDirectory);
    }

    @Override
    public PostgresServer postgres(int port, Optional<Path> dataDirectory) {
        return EmbeddedPostgresServer.start(port, dataDirectory);
    }

    @Override
    public RedisServer redis(int port, Optional<Path> dataDirectory) {
        return EmbeddedRedisServer.start(port, dataDirectory);
    }

    @Override
    public S3Server s3(int port, Optional<Path> dataDirectory) {
        return EmbeddedS3Server.start(port, dataDirectory);
    }
}
