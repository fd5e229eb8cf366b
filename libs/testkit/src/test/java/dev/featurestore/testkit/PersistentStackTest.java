package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The dev stack's case: a data directory keeps everything across a close and a new start. */
class PersistentStackTest {

    @TempDir
    Path dataDirectory;

    @Test
    void keepsRowsKeysAndObjectsInItsDataDirectoryAcrossRestarts() throws SQLException {
        StackOptions options = new StackOptions(StackMode.EMBEDDED, 0, 0, 0, 0, Optional.of(dataDirectory));
        try (TestStack stack = TestStack.start(options)) {
            execute(stack.postgres(), "create table kept (name text); insert into kept values ('row')");
            redis(stack.redis(), "kept", "key");
            try (S3Client client = S3ServerTest.client(stack.s3())) {
                client.putObject(request -> request.bucket(stack.s3().bucket()).key("kept"), RequestBody.fromString("object"));
            }
        }

        try (TestStack stack = TestStack.start(options)) {
            try (Connection connection = connect(stack.postgres());
                    Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("select name from kept")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString(1)).isEqualTo("row");
            }
            assertThat(redis(stack.redis(), "kept", null)).isEqualTo("key");
            try (S3Client client = S3ServerTest.client(stack.s3())) {
                assertThat(client.getObjectAsBytes(request -> request.bucket(stack.s3().bucket()).key("kept")).asUtf8String())
                        .isEqualTo("object");
            }
        }
        assertThat(dataDirectory.resolve("kafka/meta.properties")).exists();
        assertThat(dataDirectory.resolve("postgres/data/PG_VERSION")).hasContent("17");
    }

    private static String redis(RedisServer redis, String key, String valueToSet) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            if (valueToSet != null) {
                connection.sync().set(key, valueToSet);
            }
            return connection.sync().get(key);
        } finally {
            client.shutdown();
        }
    }

    private static Connection connect(PostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    private static void execute(PostgresServer postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
