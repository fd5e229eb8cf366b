package dev.featurestore.onlinestore;

import dev.featurestore.testkit.TestStack;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;

/** The contract on the testkit's real three-master Redis Cluster: records spread over every master. */
class ClusterRedisOnlineStoreIT extends AbstractRedisOnlineStoreContractTest {
    @Override
    protected RedisBackend connectRedis() {
        RedisClusterClient client = RedisClusterClient.create(TestStack.shared().redisCluster().uris().stream().map(RedisURI::create).toList());
        StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return new RedisBackend(clock -> RedisOnlineStore.cluster(client, clock), connection.sync(), () -> {
            connection.close();
            client.shutdown();
        });
    }
}
