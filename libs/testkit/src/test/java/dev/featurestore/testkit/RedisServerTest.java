package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void storesAndReturnsAValue() {
        RedisServer redis = TestStack.shared().redis();
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set("feature:driver-1", "0.5");

            assertThat(connection.sync().get("feature:driver-1")).isEqualTo("0.5");
            assertThat(connection.sync().info("server")).contains("tcp_port:" + redis.port());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void listensOnLoopbackOnly() {
        RedisServer redis = TestStack.shared().redis();

        assertThat(redis.host()).isEqualTo("127.0.0.1");
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
    }
}
