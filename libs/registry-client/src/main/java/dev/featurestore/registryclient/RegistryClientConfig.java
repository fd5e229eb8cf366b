package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of {@link HttpRegistryClient}.
 *
 * @param url the registry's base URL, such as {@code http://127.0.0.1:8081}
 * @param pollInterval how often every cached project is checked against the registry (a
 *        conditional GET), the fallback for lost or late change events
 * @param timeout connect and request timeout of each call to the registry
 */
public record RegistryClientConfig(URI url, Duration pollInterval, Duration timeout) {
    public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8081");
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public RegistryClientConfig {
        requireNonNull(url, "url is null");
        requireNonNull(pollInterval, "pollInterval is null");
        requireNonNull(timeout, "timeout is null");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an http or https URL with a host, got '%s'".formatted(url));
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, got %s".formatted(pollInterval));
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got %s".formatted(timeout));
        }
    }

    /**
     * The defaults with another URL.
     *
     * @param url the registry's base URL
     * @return settings with the default poll interval (60 s) and timeout (5 s)
     */
    public static RegistryClientConfig of(URI url) {
        return new RegistryClientConfig(url, DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT);
    }
}
