package dev.featurestore.registryclient.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistryClientPropertiesTest {
    @Test
    void givesTheClientSettings() {
        var config = new RegistryClientProperties(true, "http://registry:8081", Duration.ofSeconds(30), Duration.ofSeconds(2)).config();

        assertThat(config.url()).isEqualTo(URI.create("http://registry:8081"));
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aBadValueFailsNamingItsProperty() {
        assertThatThrownBy(() -> new RegistryClientProperties(true, "registry:8081", Duration.ofSeconds(30), Duration.ofSeconds(2)))
                .hasMessage("featurestore.registry-client.url must be an http or https URL with a host, got 'registry:8081'");
        assertThatThrownBy(() -> new RegistryClientProperties(true, "http://a b", Duration.ofSeconds(30), Duration.ofSeconds(2)))
                .hasMessage("featurestore.registry-client.url is not a URL: 'http://a b'");
        assertThatThrownBy(() -> new RegistryClientProperties(true, "http://registry:8081", Duration.ZERO, Duration.ofSeconds(2)))
                .hasMessage("featurestore.registry-client.poll-interval must be positive, got PT0S");
        assertThatThrownBy(() -> new RegistryClientProperties(true, "http://registry:8081", Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .hasMessage("featurestore.registry-client.timeout must be positive, got PT-1S");
    }
}
