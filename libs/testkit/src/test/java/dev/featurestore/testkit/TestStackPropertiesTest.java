package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestStackPropertiesTest {

    @Test
    void pointsMicronautAtEveryServerOfTheStack() {
        TestStack stack = TestStack.shared();

        Map<String, Object> properties = stack.properties();

        assertThat(properties).containsOnlyKeys(
                "kafka.bootstrap.servers",
                "datasources.default.url",
                "datasources.default.username",
                "datasources.default.password",
                "datasources.default.driver-class-name",
                "featurestore.redis.uri",
                "featurestore.s3.endpoint",
                "featurestore.s3.access-key",
                "featurestore.s3.secret-key",
                "featurestore.s3.region",
                "featurestore.s3.bucket",
                "otel.traces.exporter", "featurestore.security.admin-key", "featurestore.security.service-key");
        assertThat(properties)
                .containsEntry("kafka.bootstrap.servers", stack.kafka().bootstrapServers())
                .containsEntry("datasources.default.url", stack.postgres().jdbcUrl())
                .containsEntry("datasources.default.driver-class-name", "org.postgresql.Driver")
                .containsEntry("featurestore.redis.uri", stack.redis().uri())
                .containsEntry("featurestore.s3.endpoint", stack.s3().endpoint())
                .containsEntry("featurestore.s3.region", "us-east-1")
                .containsEntry("featurestore.s3.bucket", "featurestore")
                .containsEntry("otel.traces.exporter", "none");
    }

    @Test
    void startsTheSharedStackOncePerJvm() {
        assertThat(TestStack.shared()).isSameAs(TestStack.shared());
    }

    @Test
    void bindsEveryServerToLoopback() {
        TestStack stack = TestStack.shared();

        assertThat(stack.kafka().bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(stack.postgres().jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(stack.s3().endpoint()).startsWith("http://127.0.0.1:");
    }
}
