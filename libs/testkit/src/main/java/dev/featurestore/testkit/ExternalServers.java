package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * External mode: servers someone else runs, named by environment variables. They are not the
 * testkit's to stop or start; dedicated servers for fault tests are embedded ones.
 */
final class ExternalServers {
    static final String KAFKA_BOOTSTRAP_SERVERS = "FEATURESTORE_KAFKA_BOOTSTRAP_SERVERS";
    static final String POSTGRES_JDBC_URL = "FEATURESTORE_POSTGRES_JDBC_URL";
    static final String POSTGRES_USER = "FEATURESTORE_POSTGRES_USER";
    static final String POSTGRES_PASSWORD = "FEATURESTORE_POSTGRES_PASSWORD";
    static final String REDIS_URI = "FEATURESTORE_REDIS_URI";
    static final String REDIS_CLUSTER_URIS = "FEATURESTORE_REDIS_CLUSTER_URIS";
    static final String S3_ENDPOINT = "FEATURESTORE_S3_ENDPOINT";
    static final String S3_ACCESS_KEY = "FEATURESTORE_S3_ACCESS_KEY";
    static final String S3_SECRET_KEY = "FEATURESTORE_S3_SECRET_KEY";
    static final String S3_REGION = "FEATURESTORE_S3_REGION";
    static final String S3_BUCKET = "FEATURESTORE_S3_BUCKET";
    private static final List<String> REQUIRED = List.of(
            KAFKA_BOOTSTRAP_SERVERS, POSTGRES_JDBC_URL, POSTGRES_USER, POSTGRES_PASSWORD, REDIS_URI,
            S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION, S3_BUCKET);

    private ExternalServers() {
    }

    /** A stack over the servers the environment names; fails naming every missing variable. */
    static DefaultTestStack stack(Function<String, String> environment) {
        List<String> missing = REQUIRED.stream()
                .filter(name -> environment.apply(name) == null || environment.apply(name).isBlank())
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("external test stack: environment variable(s) %s not set".formatted(
                    String.join(", ", missing)));
        }
        S3Server s3 = new ExternalS3Server(environment.apply(S3_ENDPOINT), environment.apply(S3_ACCESS_KEY),
                environment.apply(S3_SECRET_KEY), environment.apply(S3_REGION), environment.apply(S3_BUCKET));
        s3.createBucket(s3.bucket());
        return new DefaultTestStack(
                StackMode.EXTERNAL,
                new ExternalKafkaServer(environment.apply(KAFKA_BOOTSTRAP_SERVERS)),
                new ExternalPostgresServer(environment.apply(POSTGRES_JDBC_URL), environment.apply(POSTGRES_USER),
                        environment.apply(POSTGRES_PASSWORD)),
                ExternalRedisServer.parse(environment.apply(REDIS_URI)),
                s3,
                clusterFrom(environment),
                EmbeddedServers.INSTANCE);
    }

    private static Supplier<RedisCluster> clusterFrom(Function<String, String> environment) {
        return () -> {
            String uris = environment.apply(REDIS_CLUSTER_URIS);
            if (uris == null || uris.isBlank()) {
                throw new IllegalStateException("external test stack: environment variable %s not set (comma-separated redis:// URIs of the cluster masters)"
                        .formatted(REDIS_CLUSTER_URIS));
            }
            List<String> list = Arrays.stream(uris.split(",")).map(String::trim).filter(uri -> !uri.isEmpty()).toList();
            return new ExternalRedisCluster(list);
        };
    }

    /** A server someone else runs: always running as far as the testkit knows, never stopped or closed by it. */
    interface ExternalServer extends ManagedServer {
        /** What the server is and where, e.g. {@code Kafka host:9092}, for error messages. */
        String description();

        @Override
        default void stop() {
            throw notOurs();
        }

        @Override
        default void start() {
            throw notOurs();
        }

        @Override
        default boolean isRunning() {
            return true;
        }

        @Override
        default void close() {
        }

        private UnsupportedOperationException notOurs() {
            return new UnsupportedOperationException(
                    "%s is an external server: the testkit cannot stop or start it (use a dedicated server)".formatted(description()));
        }
    }

    record ExternalKafkaServer(String bootstrapServers) implements KafkaServer, ExternalServer {
        ExternalKafkaServer {
            requireNonNull(bootstrapServers, "bootstrapServers is null");
        }

        @Override
        public String description() {
            return "Kafka " + bootstrapServers;
        }
    }

    record ExternalPostgresServer(String jdbcUrl, String user, String password) implements PostgresServer, ExternalServer {
        ExternalPostgresServer {
            requireNonNull(jdbcUrl, "jdbcUrl is null");
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
        }

        @Override
        public String createDatabase(String name) {
            return Databases.create(jdbcUrl, user, password, requireNonNull(name, "name is null"));
        }

        @Override
        public String description() {
            return "PostgreSQL " + jdbcUrl;
        }

        @Override
        public String toString() {
            return "ExternalPostgresServer[%s]".formatted(jdbcUrl);
        }
    }

    record ExternalRedisServer(String uri, String host, int port) implements RedisServer, ExternalServer {
        ExternalRedisServer {
            requireNonNull(uri, "uri is null");
            requireNonNull(host, "host is null");
        }

        static ExternalRedisServer parse(String uri) {
            java.net.URI parsed = java.net.URI.create(uri);
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException("%s is not a redis://host:port URI: %s".formatted(REDIS_URI, uri));
            }
            return new ExternalRedisServer(uri, parsed.getHost(), parsed.getPort() == -1 ? 6379 : parsed.getPort());
        }

        @Override
        public String description() {
            return "Redis " + uri;
        }
    }

    record ExternalRedisCluster(List<String> uris) implements RedisCluster {
        ExternalRedisCluster {
            uris = List.copyOf(uris);
        }

        @Override
        public void close() {
        }
    }

    record ExternalS3Server(String endpoint, String accessKey, String secretKey, String region, String bucket)
            implements S3Server, ExternalServer {
        ExternalS3Server {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(accessKey, "accessKey is null");
            requireNonNull(secretKey, "secretKey is null");
            requireNonNull(region, "region is null");
            requireNonNull(bucket, "bucket is null");
        }

        @Override
        public void createBucket(String name) {
            S3Buckets.createIfMissing(this, requireNonNull(name, "name is null"));
        }

        @Override
        public String description() {
            return "S3 " + endpoint;
        }

        @Override
        public String toString() {
            // never the secret key
            return "ExternalS3Server[%s, bucket %s]".formatted(endpoint, bucket);
        }
    }
}
