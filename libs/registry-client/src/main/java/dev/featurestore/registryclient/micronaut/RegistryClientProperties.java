package dev.featurestore.registryclient.micronaut;

import static java.util.Objects.requireNonNull;

import dev.featurestore.registryclient.RegistryClientConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * {@code featurestore.registry-client.*}: where the registry is and how often to poll it.
 *
 * @param enabled whether the client bean and its change listener exist
 * @param url the registry's base URL
 * @param pollInterval how often every cached project is checked (fallback for missed change events)
 * @param timeout connect and request timeout of each call to the registry
 */
@ConfigurationProperties(RegistryClientProperties.PREFIX)
public record RegistryClientProperties(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "http://127.0.0.1:8081") String url,
        @Bindable(defaultValue = "60s") Duration pollInterval,
        @Bindable(defaultValue = "5s") Duration timeout) {
    public static final String PREFIX = "featurestore.registry-client";
    public static final String ENABLED = PREFIX + ".enabled";

    public RegistryClientProperties {
        requireNonNull(url, PREFIX + ".url is null");
        requireNonNull(pollInterval, PREFIX + ".poll-interval is null");
        requireNonNull(timeout, PREFIX + ".timeout is null");
        config(url, pollInterval, timeout);
    }

    /**
     * The client settings.
     *
     * @return the settings
     */
    public RegistryClientConfig config() {
        return config(url, pollInterval, timeout);
    }

    private static RegistryClientConfig config(String url, Duration pollInterval, Duration timeout) {
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("%s.url is not a URL: '%s'".formatted(PREFIX, url), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("%s.url must be an http or https URL with a host, got '%s'".formatted(PREFIX, url));
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("%s.poll-interval must be positive, got %s".formatted(PREFIX, pollInterval));
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("%s.timeout must be positive, got %s".formatted(PREFIX, timeout));
        }
        return new RegistryClientConfig(uri, pollInterval, timeout);
    }
}
