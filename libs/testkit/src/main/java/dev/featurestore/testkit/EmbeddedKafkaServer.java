package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process KRaft broker with combined broker and controller roles: one node, replication
 * factor 1 for the internal topics, topics created on first use, small segments and few threads.
 */
final class EmbeddedKafkaServer extends EmbeddedServer<KafkaRaftServer> implements KafkaServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaServer.class);
    /** Brokers of one JVM get distinct node ids so their MBeans do not collide (1 is for kept data). */
    private static final AtomicInteger NEXT_NODE_ID = new AtomicInteger(100);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final int controllerPort;
    private final Path logDirectory;
    private final boolean temporary;
    private final int nodeId;

    private EmbeddedKafkaServer(int port, int controllerPort, Path logDirectory, boolean temporary, int nodeId) {
        super(port);
        this.controllerPort = controllerPort;
        this.logDirectory = requireNonNull(logDirectory, "logDirectory is null");
        this.temporary = temporary;
        this.nodeId = nodeId;
    }

    /**
     * Formats (unless already formatted) and starts a broker. With a fixed port the controller
     * listens on {@code port + 1}; with port 0 both are free ports. With a data directory the log
     * lives there and survives {@link #close()}.
     */
    static EmbeddedKafkaServer start(int port, Optional<Path> dataDirectory) {
        int brokerPort = Ports.orFree(port);
        int controllerPort = port == 0 ? Ports.freePortOtherThan(brokerPort) : port + 1;
        Path directory = dataDirectory.map(Directories::create).orElseGet(() -> Directories.createTemporary("kafka"));
        // A kept log directory was formatted with node id 1; temporary ones may take any.
        int nodeId = dataDirectory.isPresent() ? 1 : NEXT_NODE_ID.getAndIncrement();
        EmbeddedKafkaServer kafka = new EmbeddedKafkaServer(brokerPort, controllerPort, directory, dataDirectory.isEmpty(), nodeId);
        return startOrClose(kafka, server -> {
            server.format();
            server.start();
        });
    }

    /** The settings that do not depend on ports, node id or directory. */
    private static final String FIXED_CONFIGURATION = """
            process.roles=broker,controller
            listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
            inter.broker.listener.name=PLAINTEXT
            auto.create.topics.enable=true
            num.partitions=1
            default.replication.factor=1
            min.insync.replicas=1
            offsets.topic.replication.factor=1
            offsets.topic.num.partitions=1
            transaction.state.log.replication.factor=1
            transaction.state.log.min.isr=1
            transaction.state.log.num.partitions=1
            share.coordinator.state.topic.replication.factor=1
            group.initial.rebalance.delay.ms=0
            # Small files and few threads: many brokers may share one small machine.
            # 8 MiB segments, 1 MiB index, 8 MiB dedupe buffer; flush interval Long.MAX_VALUE.
            log.segment.bytes=8388608
            log.index.size.max.bytes=1048576
            log.cleaner.dedupe.buffer.size=8388608
            log.cleaner.threads=1
            num.network.threads=2
            num.io.threads=2
            background.threads=2
            num.recovery.threads.per.data.dir=1
            num.replica.fetchers=1
            log.flush.interval.messages=9223372036854775807
            controlled.shutdown.enable=true
            controller.quorum.election.timeout.ms=1000
            controller.quorum.fetch.timeout.ms=2000
            """;

    private Properties configuration() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(FIXED_CONFIGURATION));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixed Kafka configuration", e);
        }
        properties.put("node.id", String.valueOf(nodeId));
        properties.put("controller.quorum.voters", "%d@%s:%d".formatted(nodeId, Ports.LOOPBACK, controllerPort));
        properties.put("listeners", "PLAINTEXT://%s:%d,%s://%s:%d".formatted(
                Ports.LOOPBACK, port(), CONTROLLER_LISTENER, Ports.LOOPBACK, controllerPort));
        properties.put("advertised.listeners", "PLAINTEXT://%s:%d".formatted(Ports.LOOPBACK, port()));
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("log.dirs", logDirectory.toString());
        return properties;
    }

    private void format() {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            LOG.debug("Kafka log directory {} is already formatted", logDirectory);
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(nodeId)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory %s: %s".formatted(
                    logDirectory, output.toString(StandardCharsets.UTF_8)), e);
        }
    }

    @Override
    KafkaRaftServer launch() {
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(configuration(), false), Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("Kafka broker on port %d did not start".formatted(port()), e);
            try {
                halt(starting);
            } catch (RuntimeException shutdownFailure) {
                failure.addSuppressed(shutdownFailure);
            }
            throw failure;
        }
        LOG.info("Kafka broker started on {}", bootstrapServers());
        return starting;
    }

    @Override
    void halt(KafkaRaftServer broker) {
        broker.shutdown();
        broker.awaitShutdown();
    }

    @Override
    public String bootstrapServers() {
        return "%s:%d".formatted(Ports.LOOPBACK, port());
    }

    @Override
    void release() {
        if (temporary) {
            Directories.deleteRecursively(logDirectory);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaServer[%s]".formatted(bootstrapServers());
    }
}
