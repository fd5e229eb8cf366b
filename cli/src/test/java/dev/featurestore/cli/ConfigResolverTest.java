package dev.featurestore.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.cli.CliException;
import dev.featurestore.cli.OutsideCheckoutTempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {
    private static final String ENDPOINTS = """
            {"kafka": {"bootstrap_servers": "127.0.0.1:1"},
             "s3": {"endpoint": "http://127.0.0.1:29000", "access_key": "devstack-access", "secret_key": "devstack-secret", "region": "eu-west-1", "bucket": "devbucket"},
             "services": {"registry": "http://127.0.0.1:28081", "serving": "http://127.0.0.1:28082", "historical": "http://127.0.0.1:28083",
                          "materialization": "http://127.0.0.1:28084", "monitoring": "http://127.0.0.1:28085"},
             "security": {"admin_key": "fsk_0123456789ab_devstackadminkey"}}
            """;

    @TempDir(factory = OutsideCheckoutTempDir.class)
    Path root;

    @Test
    void defaultsAreTheDevStacksPortsWithoutAnyFile() {
        ClientConfig config = resolve(ConfigOverrides.none(), Map.of());

        assertThat(config.endpoint(Service.REGISTRY)).hasToString("http://127.0.0.1:8081");
        assertThat(config.endpoint(Service.MONITORING)).hasToString("http://127.0.0.1:8085");
        assertThat(config.endpoints().get(Service.SERVING).origin()).isEqualTo("default");
        assertThat(config.offlineStore().endpoint().value()).isEqualTo("http://127.0.0.1:19000");
        assertThat(config.offlineStore().stagingPrefix().value()).isEqualTo("s3://featurestore/staging/");
        assertThat(config.project()).isEmpty();
        assertThat(config.apiKey()).isEmpty();
        assertThatThrownBy(config::requireApiKey).isInstanceOf(CliException.class).hasMessageContaining("FEATURESTORE_API_KEY");
        assertThatThrownBy(config::requireProject).isInstanceOf(CliException.class).hasMessageContaining("--project");
    }

    @Test
    void endpointsFileOfAParentDirectoryIsFoundAndBeatsTheDefaults() throws IOException {
        Files.createDirectories(root.resolve(".devstack"));
        Files.writeString(root.resolve(".devstack/endpoints.json"), ENDPOINTS);
        Path nested = Files.createDirectories(root.resolve("a/b"));

        ClientConfig config = ConfigResolver.resolve(ConfigOverrides.none(), Map.of(), nested, nested);

        assertThat(config.endpoint(Service.HISTORICAL)).hasToString("http://127.0.0.1:28083");
        assertThat(config.offlineStore().bucket().value()).isEqualTo("devbucket");
        assertThat(config.offlineStore().stagingPrefix().value()).isEqualTo("s3://devbucket/staging/");
        assertThat(config.offlineStore().region().value()).isEqualTo("eu-west-1");
        assertThat(config.offlineStore().accessKey().orElseThrow().value()).isEqualTo("devstack-access");
        assertThat(config.apiKey().orElseThrow().value()).isEqualTo("fsk_0123456789ab_devstackadminkey");
        assertThat(config.apiKey().orElseThrow().origin()).endsWith("endpoints.json (security.admin_key)");
    }

    @Test
    void featurestoreYamlBeatsTheEndpointsFileAndEnvironmentBeatsBoth() throws IOException {
        Path endpoints = root.resolve("elsewhere.json");
        Files.writeString(endpoints, ENDPOINTS);
        Files.writeString(root.resolve("featurestore.yaml"), """
                project: rides
                endpoints:
                  registry: http://registry.internal:9081/
                  serving: http://serving.internal:9082
                offline_store:
                  endpoint: http://s3.internal:9000
                  bucket: ridebucket
                  staging_prefix: s3://ridebucket/tmp
                auth:
                  api_key_env: RIDES_KEY
                """);
        Map<String, String> environment = Map.of(
                "FEATURESTORE_ENDPOINTS_FILE", endpoints.toString(),
                "FEATURESTORE_SERVING_URL", "http://env-serving:7082",
                "RIDES_KEY", "fsk_aaaaaaaaaaaa_fromtheyamlvariable",
                "AWS_REGION", "us-west-2");

        ClientConfig config = resolve(ConfigOverrides.none(), environment);

        assertThat(config.requireProject()).isEqualTo("rides");
        assertThat(config.endpoint(Service.REGISTRY)).hasToString("http://registry.internal:9081");
        assertThat(config.endpoint(Service.SERVING)).hasToString("http://env-serving:7082");
        assertThat(config.endpoints().get(Service.SERVING).origin()).isEqualTo("FEATURESTORE_SERVING_URL");
        assertThat(config.endpoint(Service.HISTORICAL)).hasToString("http://127.0.0.1:28083");
        assertThat(config.offlineStore().endpoint().value()).isEqualTo("http://s3.internal:9000");
        assertThat(config.offlineStore().stagingPrefix().value()).isEqualTo("s3://ridebucket/tmp/");
        assertThat(config.offlineStore().region().value()).isEqualTo("us-west-2");
        assertThat(config.requireApiKey()).isEqualTo("fsk_aaaaaaaaaaaa_fromtheyamlvariable");
        assertThat(config.apiKey().orElseThrow().origin()).startsWith("RIDES_KEY");
    }

    @Test
    void commandLineBeatsEverythingAndTheGenericKeyVariableBeatsTheFilesOne() throws IOException {
        Files.writeString(root.resolve("featurestore.yaml"), "project: rides\nauth: {api_key_env: RIDES_KEY}\n");
        Map<String, String> environment = Map.of(
                "FEATURESTORE_PROJECT", "fromenv",
                "FEATURESTORE_REGISTRY_URL", "http://env-registry:1",
                "FEATURESTORE_API_KEY", "fsk_bbbbbbbbbbbb_generic",
                "RIDES_KEY", "fsk_aaaaaaaaaaaa_specific");

        ClientConfig fromEnvironment = resolve(ConfigOverrides.none(), environment);
        ClientConfig fromOptions = resolve(new ConfigOverrides(Optional.of("fromflag"), Map.of(Service.REGISTRY, "https://flag-registry"),
                Optional.of("http://flag-s3:1"), Optional.of("fsk_cccccccccccc_flag")), environment);

        assertThat(fromEnvironment.requireProject()).isEqualTo("fromenv");
        assertThat(fromEnvironment.requireApiKey()).isEqualTo("fsk_bbbbbbbbbbbb_generic");
        assertThat(fromOptions.requireProject()).isEqualTo("fromflag");
        assertThat(fromOptions.endpoint(Service.REGISTRY)).hasToString("https://flag-registry");
        assertThat(fromOptions.offlineStore().endpoint().value()).isEqualTo("http://flag-s3:1");
        assertThat(fromOptions.requireApiKey()).isEqualTo("fsk_cccccccccccc_flag");
        assertThat(fromOptions.describe().get("api_key")).containsEntry("value", "fsk_cccccccccccc_...").containsEntry("from", "--api-key");
    }

    @Test
    void badValuesAreNamedWithWhereTheyCameFrom() throws IOException {
        assertThatThrownBy(() -> resolve(ConfigOverrides.none(), Map.of("FEATURESTORE_MONITORING_URL", "localhost:8085")))
                .isInstanceOf(CliException.class).hasMessage("FEATURESTORE_MONITORING_URL: 'localhost:8085' is not an http(s) URL such as http://127.0.0.1:8081");
        assertThatThrownBy(() -> resolve(ConfigOverrides.none(), Map.of("FEATURESTORE_PROJECT", "Rides-2")))
                .isInstanceOf(CliException.class).hasMessageStartingWith("FEATURESTORE_PROJECT: 'Rides-2' is not a project name");
        assertThatThrownBy(() -> resolve(ConfigOverrides.none(), Map.of("FEATURESTORE_ENDPOINTS_FILE", "missing.json")))
                .isInstanceOf(CliException.class).hasMessageStartingWith("FEATURESTORE_ENDPOINTS_FILE: no file");
        assertThatThrownBy(() -> resolve(ConfigOverrides.none(), Map.of("AWS_ACCESS_KEY_ID", "only-half")))
                .isInstanceOf(CliException.class).hasMessageContaining("AWS_SECRET_ACCESS_KEY");

        Files.writeString(root.resolve("featurestore.yaml"), "project: rides\nendpoints:\n  registry: http://a:1\n  registyr: http://b:2\n");
        assertThatThrownBy(() -> resolve(ConfigOverrides.none(), Map.of()))
                .isInstanceOf(CliException.class).hasMessageEndingWith("featurestore.yaml:4: unknown key 'registyr' under endpoints (expected registry, serving, historical, materialization, monitoring)");
        Files.writeString(root.resolve("featurestore.yaml"), "project: rides\nauth:\n  api_key_env: fsk_123_thekeyitself-oops\n");
        assertThatThrownBy(() -> resolve(ConfigOverrides.none(), Map.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("featurestore.yaml:3: auth.api_key_env");
        Files.writeString(root.resolve("featurestore.yaml"), "project: rides\nproject: again\n");
        assertThatThrownBy(() -> resolve(ConfigOverrides.none(), Map.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("featurestore.yaml:2:").hasMessageContaining("duplicate key project");
    }

    private ClientConfig resolve(ConfigOverrides overrides, Map<String, String> environment) {
        return ConfigResolver.resolve(overrides, environment, root, root);
    }
}
