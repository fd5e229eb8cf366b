package dev.featurestore.testkit;

/** A real redis-server process (standalone). */
public interface RedisServer extends ManagedServer {
    String host();

    int port();

    /** {@code redis://host:port}. */
    String uri();
}
