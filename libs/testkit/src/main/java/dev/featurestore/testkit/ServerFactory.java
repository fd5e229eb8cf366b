package dev.featurestore.testkit;

import java.nio.file.Path;
import java.util.Optional;

/** Starts servers of one kind (embedded, containers, ...). Port 0 means a free port. */
interface ServerFactory {
    KafkaServer kafka(int port, Optional<Path> dataDirectory);

    PostgresServer postgres(int port, Optional<Path> dataDirectory);

    RedisServer redis(int port, Optional<Path> dataDirectory);

    S3Server s3(int port, Optional<Path> dataDirectory);
}
