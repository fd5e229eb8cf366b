package dev.featurestore.testkit;

import java.util.List;

/** A real Redis Cluster of three masters (all 16384 slots assigned, state ok). */
public interface RedisCluster extends AutoCloseable {
    /** {@code redis://host:port} of every master, the seed list for a cluster client. */
    List<String> uris();

    @Override
    void close();
}
