package dev.featurestore.onlinestore;

import dev.featurestore.testkit.TestStack;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/** The contract on the testkit's real three-master Redis Cluster through one cluster connection per event loop. */
class EventLoopClusterRedisOnlineStoreIT extends AbstractRedisOnlineStoreContractTest {
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @Override
    protected RedisBackend connectRedis() {
        RedisClusterClient client = RedisClusterClient.create(TestStack.shared().redisCluster().uris().stream().map(RedisURI::create).toList());
        StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        RedisURI seed = RedisURI.create(TestStack.shared().redisCluster().uris().get(0));
        return new RedisBackend(clock -> RedisOnlineStore.cluster(seed, ClusterClientOptions.create(), loops, clock), connection.sync(), () -> {
            connection.close();
            client.shutdown();
        });
    }

    @AfterAll
    void stopLoops() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
