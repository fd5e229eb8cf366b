package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Containers mode: Testcontainers with a Docker engine. Every Testcontainers type is referenced from
 * here only, so embedded and external modes never load them. Each container's main port is bound to
 * a fixed host port chosen up front, so a fault test can stop and start the container (docker
 * stop/start keeps the container's file system) and find it on the same port.
 */
final class ContainerServers implements ServerFactory {
    static final ContainerServers INSTANCE = new ContainerServers();

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:3.9.1");
    static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17");
    static final DockerImageName REDIS_IMAGE = DockerImageName.parse("redis:7");
    static final DockerImageName MINIO_IMAGE = DockerImageName.parse("minio/minio:RELEASE.2025-04-22T22-12-26Z");

    /** The PLAINTEXT port of {@link KafkaContainer}, advertised as the mapped host port. */
    private static final int KAFKA_PORT = 9092;
    private static final int POSTGRES_PORT = 5432;

    private ContainerServers() {
    }

    static DefaultTestStack stack(StackOptions options) {
        // Three cluster-enabled containers would announce addresses a client on the host cannot
        // reach; the embedded cluster (a redis-server binary per OS) serves every mode instead.
        return Stacks.startServers(options, INSTANCE, EmbeddedRedisCluster::start, INSTANCE);
    }

    @Override
    public KafkaServer kafka(int port, Optional<Path> dataDirectory) {
        int hostPort = Ports.orFree(port);
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        dataDirectory.ifPresent(directory -> container
                .withEnv("KAFKA_LOG_DIRS", "/var/lib/kafka/data")
                .withFileSystemBind(Directories.create(directory).toAbsolutePath().toString(), "/var/lib/kafka/data", BindMode.READ_WRITE));
        ManagedContainer managed = ManagedContainer.start(container, KAFKA_PORT, hostPort);
        return new ContainerKafkaServer(managed);
    }

    @Override
    public PostgresServer postgres(int port, Optional<Path> dataDirectory) {
        int hostPort = Ports.orFree(port);
        GenericContainer<?> container = new GenericContainer<>(POSTGRES_IMAGE)
                .withEnv("POSTGRES_DB", EmbeddedPostgresServer.DATABASE)
                .withEnv("POSTGRES_USER", EmbeddedPostgresServer.USER)
                .withEnv("POSTGRES_PASSWORD", EmbeddedPostgresServer.PASSWORD)
                .withExposedPorts(POSTGRES_PORT)
                .withCommand("postgres", "-c", "max_connections=300")
                // The entrypoint's init phase listens on a Unix socket only: the TCP port means ready.
                .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofSeconds(120)));
        dataDirectory.ifPresent(directory -> container.withFileSystemBind(
                Directories.create(directory).toAbsolutePath().toString(), "/var/lib/postgresql/data", BindMode.READ_WRITE));
        ManagedContainer managed = ManagedContainer.start(container, POSTGRES_PORT, hostPort);
        ContainerPostgresServer postgres = new ContainerPostgresServer(managed);
        postgres.awaitConnections();
        return postgres;
    }

    @Override
    public RedisServer redis(int port, Optional<Path> dataDirectory) {
        int hostPort = Ports.orFree(port);
        GenericContainer<?> container = new GenericContainer<>(REDIS_IMAGE)
                .withExposedPorts(6379)
                .withCommand("redis-server", "--appendonly", "yes")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
        dataDirectory.ifPresent(directory -> container.withFileSystemBind(
                Directories.create(directory).toAbsolutePath().toString(), "/data", BindMode.READ_WRITE));
        ManagedContainer managed = ManagedContainer.start(container, 6379, hostPort);
        return new ContainerRedisServer(managed);
    }

    @Override
    public S3Server s3(int port, Optional<Path> dataDirectory) {
        int hostPort = Ports.orFree(port);
        MinIOContainer container = new MinIOContainer(MINIO_IMAGE)
                .withUserName(EmbeddedS3Server.ACCESS_KEY)
                .withPassword(EmbeddedS3Server.SECRET_KEY);
        dataDirectory.ifPresent(directory -> container.withFileSystemBind(
                Directories.create(directory).toAbsolutePath().toString(), "/data", BindMode.READ_WRITE));
        ManagedContainer managed = ManagedContainer.start(container, 9000, hostPort);
        ContainerS3Server s3 = new ContainerS3Server(managed);
        s3.createBucket(s3.bucket());
        return s3;
    }

    /** A started container whose main port is bound to a fixed host port. */
    static final class ManagedContainer {
        private final GenericContainer<?> container;
        private final int containerPort;
        private final int hostPort;

        private ManagedContainer(GenericContainer<?> container, int containerPort, int hostPort) {
            this.container = requireNonNull(container, "container is null");
            this.containerPort = containerPort;
            this.hostPort = hostPort;
        }

        static ManagedContainer start(GenericContainer<?> container, int containerPort, int hostPort) {
            String bindAddress = isLocalDocker() ? Ports.LOOPBACK : "0.0.0.0";
            container.withCreateContainerCmdModifier(command -> {
                // Keep the bindings Testcontainers chose for the other ports; pin the main one.
                List<PortBinding> bindings = new ArrayList<>();
                if (command.getHostConfig().getPortBindings() != null) {
                    command.getHostConfig().getPortBindings().getBindings().forEach((exposed, hostBindings) -> {
                        if (exposed.getPort() != containerPort && hostBindings != null) {
                            Arrays.stream(hostBindings).forEach(binding -> bindings.add(new PortBinding(binding, exposed)));
                        }
                    });
                }
                bindings.add(new PortBinding(
                        com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort(bindAddress, hostPort),
                        ExposedPort.tcp(containerPort)));
                command.getHostConfig().withPortBindings(bindings);
            });
            container.start();
            return new ManagedContainer(container, containerPort, hostPort);
        }

        private static boolean isLocalDocker() {
            String host = DockerClientFactory.instance().dockerHostIpAddress();
            return "localhost".equals(host) || Ports.LOOPBACK.equals(host);
        }

        String host() {
            return container.getHost();
        }

        int port() {
            return hostPort;
        }

        int mappedPort(int port) {
            return port == containerPort ? hostPort : container.getMappedPort(port);
        }

        synchronized void stop() {
            if (isRunning()) {
                client().stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
            }
        }

        synchronized void start() {
            if (!isRunning()) {
                client().startContainerCmd(container.getContainerId()).exec();
                Waits.until("container %s on port %d".formatted(container.getDockerImageName(), hostPort),
                        Duration.ofSeconds(60), () -> Ports.isListening(host(), hostPort));
            }
        }

        boolean isRunning() {
            Boolean running = client().inspectContainerCmd(container.getContainerId()).exec().getState().getRunning();
            return Boolean.TRUE.equals(running);
        }

        void close() {
            container.stop();
        }

        private static DockerClient client() {
            return DockerClientFactory.instance().client();
        }
    }

    /** A server in a {@link ManagedContainer}: stop, start and close act on the container. */
    private abstract static class ContainerServer implements ManagedServer {
        final ManagedContainer managed;

        ContainerServer(ManagedContainer managed) {
            this.managed = requireNonNull(managed, "managed is null");
        }

        @Override
        public void stop() {
            managed.stop();
        }

        @Override
        public void start() {
            managed.start();
        }

        @Override
        public boolean isRunning() {
            return managed.isRunning();
        }

        @Override
        public void close() {
            managed.close();
        }
    }

    private static final class ContainerKafkaServer extends ContainerServer implements KafkaServer {
        ContainerKafkaServer(ManagedContainer managed) {
            super(managed);
        }

        @Override
        public String bootstrapServers() {
            return "%s:%d".formatted(managed.host(), managed.port());
        }
    }

    private static final class ContainerPostgresServer extends ContainerServer implements PostgresServer {
        ContainerPostgresServer(ManagedContainer managed) {
            super(managed);
        }

        @Override
        public String jdbcUrl() {
            return "jdbc:postgresql://%s:%d/%s".formatted(managed.host(), managed.port(), EmbeddedPostgresServer.DATABASE);
        }

        @Override
        public String user() {
            return EmbeddedPostgresServer.USER;
        }

        @Override
        public String password() {
            return EmbeddedPostgresServer.PASSWORD;
        }

        @Override
        public String createDatabase(String name) {
            return Databases.create(jdbcUrl(), user(), password(), requireNonNull(name, "name is null"));
        }

        @Override
        public void start() {
            super.start();
            awaitConnections();
        }

        void awaitConnections() {
            Waits.until("PostgreSQL container accepting connections", Duration.ofSeconds(60), () -> {
                try (var connection = java.sql.DriverManager.getConnection(jdbcUrl(), user(), password())) {
                    return connection.isValid(2);
                } catch (java.sql.SQLException e) {
                    return false;
                }
            });
        }
    }

    private static final class ContainerRedisServer extends ContainerServer implements RedisServer {
        ContainerRedisServer(ManagedContainer managed) {
            super(managed);
        }

        @Override
        public String host() {
            return managed.host();
        }

        @Override
        public int port() {
            return managed.port();
        }

        @Override
        public String uri() {
            return "redis://%s:%d".formatted(host(), port());
        }

        @Override
        public void start() {
            super.start();
            Waits.until("Redis container answering PING", Duration.ofSeconds(60), () -> Resp.answersPing(host(), port()));
        }
    }

    private static final class ContainerS3Server extends ContainerServer implements S3Server {
        ContainerS3Server(ManagedContainer managed) {
            super(managed);
        }

        @Override
        public String endpoint() {
            return "http://%s:%d".formatted(managed.host(), managed.port());
        }

        @Override
        public String accessKey() {
            return EmbeddedS3Server.ACCESS_KEY;
        }

        @Override
        public String secretKey() {
            return EmbeddedS3Server.SECRET_KEY;
        }

        @Override
        public String region() {
            return EmbeddedS3Server.REGION;
        }

        @Override
        public String bucket() {
            return EmbeddedS3Server.BUCKET;
        }

        @Override
        public void createBucket(String name) {
            S3Buckets.createIfMissing(this, requireNonNull(name, "name is null"));
        }
    }
}
