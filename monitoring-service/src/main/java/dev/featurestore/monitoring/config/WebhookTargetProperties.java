package dev.featurestore.monitoring.config;

import dev.featurestore.monitoring.domain.webhook.NetworkRange;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code featurestore.monitoring.webhooks.*}: where webhooks may be sent beyond the default (public {@code https}
 * endpoints only), checked at start-up.
 *
 * @param allowHttp plain {@code http} URLs are accepted too
 * @param allowedNetworks CIDR blocks webhooks may be sent to although the address rules refuse them (private,
 *     loopback, ...); cloud metadata and unspecified addresses stay refused
 */
@Context
@ConfigurationProperties("featurestore.monitoring.webhooks")
public record WebhookTargetProperties(@Bindable(defaultValue = "false") boolean allowHttp, @Nullable List<String> allowedNetworks) {
    public WebhookTargetProperties {
        // an empty variable (FEATURESTORE_MONITORING_WEBHOOKS_ALLOWED_NETWORKS=) means none
        allowedNetworks = allowedNetworks == null ? List.of() : allowedNetworks.stream().filter(network -> !network.isBlank()).toList();
        networks(allowedNetworks);
    }

    /** The allowed networks, parsed. */
    public List<NetworkRange> networks() {
        return networks(allowedNetworks);
    }

    private static List<NetworkRange> networks(List<String> allowedNetworks) {
        List<NetworkRange> networks = new ArrayList<>();
        for (int i = 0; i < allowedNetworks.size(); i++) {
            try {
                networks.add(NetworkRange.parse(allowedNetworks.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("featurestore.monitoring.webhooks.allowed-networks[%d] is not a CIDR block such as 10.0.0.0/8: %s"
                        .formatted(i, e.getMessage()), e);
            }
        }
        return List.copyOf(networks);
    }
}
