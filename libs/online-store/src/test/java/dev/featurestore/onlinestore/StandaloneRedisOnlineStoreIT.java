package dev.featurestore.onlinestore;

import dev.featurestore.testkit.TestStack;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;

/** The contract on the testkit's real single redis-server. */
class StandaloneRedisOnlineStoreIT extends AbstractRedisOnlineStoreContractTest {
    @Override
    protected RedisBackend connectRedis() {
        RedisClient client = RedisClient.create(TestStack.shared().redis().uri());
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return new RedisBackend(clock -> RedisOnlineStore.standalone(client, clock), connection.sync(), () -> {
            connection.close();
            client.shutdown();
        });
    }
}
