package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.testkit.KafkaServerTest.KafkaTestClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class DedicatedServersTest {

    @Test
    void redisComesBackOnTheSamePortWithItsDataAndTheClientReconnects() {
        try (RedisServer redis = TestStack.shared().dedicatedRedis()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().set("survives", "restart");
                int port = redis.port();

                redis.stop();
                assertThat(redis.isRunning()).isFalse();
                assertThat(Ports.isListening("127.0.0.1", port)).isFalse();
                redis.start();

                assertThat(redis.port()).isEqualTo(port);
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(connection.sync().get("survives")).isEqualTo("restart"));
            } finally {
                client.shutdown();
            }
        }
        assertThat(TestStack.shared().redis().isRunning()).isTrue();
    }

    @Test
    void kafkaComesBackOnTheSamePortWithItsTopics() throws Exception {
        try (KafkaServer kafka = TestStack.shared().dedicatedKafka()) {
            String bootstrapServers = kafka.bootstrapServers();
            KafkaTestClients.produce(bootstrapServers, "before-restart", Map.of("key", "written-before"));

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
            KafkaTestClients.produce(bootstrapServers, "before-restart", Map.of("key", "written-after"));
            assertThat(KafkaTestClients.consume(bootstrapServers, "before-restart", 2))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("written-before", "written-after");
        }
    }

    @Test
    void postgresComesBackOnTheSamePortWithItsTables() throws SQLException {
        try (PostgresServer postgres = TestStack.shared().dedicatedPostgres()) {
            execute(postgres, "create table kept (id int); insert into kept values (42)");

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            postgres.start();

            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                    Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("select id from kept")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void s3ComesBackOnTheSamePortWithItsObjects() {
        try (S3Server s3 = TestStack.shared().dedicatedS3(); S3Client client = S3ServerTest.client(s3)) {
            client.putObject(request -> request.bucket(s3.bucket()).key("kept"), RequestBody.fromString("object"));

            s3.stop();
            assertThat(s3.isRunning()).isFalse();
            s3.start();

            assertThat(client.getObjectAsBytes(request -> request.bucket(s3.bucket()).key("kept")).asUtf8String())
                    .isEqualTo("object");
        }
    }

    private static void execute(PostgresServer postgres, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
