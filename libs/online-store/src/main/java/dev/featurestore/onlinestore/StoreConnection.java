package dev.featurestore.onlinestore;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * One Lettuce connection (byte keys and values) of a {@link RedisOnlineStore}, with its asynchronous commands.
 *
 * @param flush sends the commands issued so far; called after every group of commands. A connection that writes
 *     each command at once (auto-flush) takes a no-op; an event loop's connection queues one flush per loop
 *     iteration, so the commands of every request read in that iteration leave in one write
 */
record StoreConnection(StatefulConnection<byte[], byte[]> connection, RedisClusterAsyncCommands<byte[], byte[]> commands, Runnable flush) {
    StoreConnection(StatefulConnection<byte[], byte[]> connection, RedisClusterAsyncCommands<byte[], byte[]> commands) {
        this(connection, commands, () -> {
        });
    }

    /** Sends the commands issued so far (or has them sent at the end of the current loop iteration). */
    void flushCommands() {
        flush.run();
    }
}
