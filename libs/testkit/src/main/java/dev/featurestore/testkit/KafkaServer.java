package dev.featurestore.testkit;

/**
 * A real Kafka broker (KRaft, no ZooKeeper). Embedded mode runs it in-process.
 */
public interface KafkaServer extends ManagedServer {
    /** {@code host:port} list for {@code bootstrap.servers}. */
    String bootstrapServers();
}
