package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** External mode, pointed at the shared embedded stack as if someone else ran it. */
class ExternalServersTest {

    @Test
    void exposesTheServersTheEnvironmentNames() {
        TestStack shared = TestStack.shared();
        try (TestStack external = ExternalServers.stack(environmentOf(shared)::get)) {
            assertThat(external.mode()).isEqualTo(StackMode.EXTERNAL);
            assertThat(external.properties()).isEqualTo(shared.properties());
            assertThat(external.redis().port()).isEqualTo(shared.redis().port());
            assertThat(external.redisCluster().uris()).containsExactly("redis://127.0.0.1:1", "redis://127.0.0.1:2");
        }
    }

    @Test
    void createsDatabasesAndBucketsThroughTheClientProtocols() {
        TestStack shared = TestStack.shared();
        try (TestStack external = ExternalServers.stack(environmentOf(shared)::get)) {
            String url = external.postgres().createDatabase("external_mode");
            external.s3().createBucket("external-mode");

            assertThat(url).isEqualTo(shared.postgres().jdbcUrl().replace("/featurestore", "/external_mode"));
            assertThat(shared.postgres().createDatabase("external_mode")).isEqualTo(url);
        }
    }

    @Test
    void refusesToStopAServerItDoesNotOwn() {
        try (TestStack external = ExternalServers.stack(environmentOf(TestStack.shared())::get)) {
            assertThatThrownBy(() -> external.kafka().stop())
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("dedicated");
        }
    }

    @Test
    void failsNamingEveryMissingVariable() {
        Map<String, String> environment = environmentOf(TestStack.shared());
        environment.remove("FEATURESTORE_S3_BUCKET");
        environment.remove("FEATURESTORE_POSTGRES_PASSWORD");

        assertThatThrownBy(() -> ExternalServers.stack(environment::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FEATURESTORE_S3_BUCKET")
                .hasMessageContaining("FEATURESTORE_POSTGRES_PASSWORD");
    }

    @Test
    void failsNamingTheClusterVariableOnlyWhenTheClusterIsAskedFor() {
        Map<String, String> environment = environmentOf(TestStack.shared());
        environment.remove("FEATURESTORE_REDIS_CLUSTER_URIS");

        try (TestStack external = ExternalServers.stack(environment::get)) {
            assertThatThrownBy(external::redisCluster).hasMessageContaining("FEATURESTORE_REDIS_CLUSTER_URIS");
        }
    }

    private static Map<String, String> environmentOf(TestStack stack) {
        Map<String, String> environment = new HashMap<>();
        environment.put("FEATURESTORE_KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
        environment.put("FEATURESTORE_POSTGRES_JDBC_URL", stack.postgres().jdbcUrl());
        environment.put("FEATURESTORE_POSTGRES_USER", stack.postgres().user());
        environment.put("FEATURESTORE_POSTGRES_PASSWORD", stack.postgres().password());
        environment.put("FEATURESTORE_REDIS_URI", stack.redis().uri());
        environment.put("FEATURESTORE_REDIS_CLUSTER_URIS", "redis://127.0.0.1:1, redis://127.0.0.1:2");
        environment.put("FEATURESTORE_S3_ENDPOINT", stack.s3().endpoint());
        environment.put("FEATURESTORE_S3_ACCESS_KEY", stack.s3().accessKey());
        environment.put("FEATURESTORE_S3_SECRET_KEY", stack.s3().secretKey());
        environment.put("FEATURESTORE_S3_REGION", stack.s3().region());
        environment.put("FEATURESTORE_S3_BUCKET", stack.s3().bucket());
        return environment;
    }
}
