package dev.featurestore.onlinestore;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/** One Lettuce connection (byte keys and values) of a {@link RedisOnlineStore}, with its asynchronous commands. */
record StoreConnection(StatefulConnection<byte[], byte[]> connection, RedisClusterAsyncCommands<byte[], byte[]> commands) {
}
