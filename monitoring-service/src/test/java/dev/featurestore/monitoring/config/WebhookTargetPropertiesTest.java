package dev.featurestore.monitoring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhook target settings are checked at start-up, naming the bad property. */
class WebhookTargetPropertiesTest {
    @Test
    void defaultsAllowNoHttpAndNoNetwork() {
        WebhookTargetProperties defaults = new WebhookTargetProperties(false, null);

        assertThat(defaults.allowHttp()).isFalse();
        assertThat(defaults.networks()).isEmpty();
        assertThat(new WebhookTargetProperties(false, List.of("")).networks()).isEmpty();
    }

    @Test
    void parsesEachAllowedNetwork() {
        assertThat(new WebhookTargetProperties(true, List.of("127.0.0.1/32", " 10.0.0.0/8 ", "fd00::/8")).networks())
                .extracting(Object::toString).containsExactly("127.0.0.1/32", "10.0.0.0/8", "fd00:0:0:0:0:0:0:0/8");
    }

    @Test
    void badAllowedNetworkStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> new WebhookTargetProperties(false, List.of("10.0.0.0/8", "internal.example.com/16")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("featurestore.monitoring.webhooks.allowed-networks[1]")
                .hasMessageContaining("internal.example.com");
        assertThatThrownBy(() -> new WebhookTargetProperties(false, List.of("10.0.0.0/40")))
                .hasMessageContaining("featurestore.monitoring.webhooks.allowed-networks[0]");
    }
}
