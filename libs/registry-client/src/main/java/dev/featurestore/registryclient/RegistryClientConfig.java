package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of {@link HttpRegistryClient}.
 *
 * @param url the registry's base URL, such as {@code http://127.0.0.1:8081}
 * @param pollInterval how often every cached project is checked against the registry (a
 *        conditional GET), the fallback for lost or late change events
 * @param timeout connect and request timeout of each call to the registry
 */
public record RegistryClientConfig(URI url, Duration pollInterval, Duration timeout, Optional<String> credential) {
    public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8081");
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public RegistryClientConfig(URI url, Duration pollInterval, Duration timeout) {
        this(url, pollInterval, timeout, Optional.empty());
    }

    public RegistryClientConfig {
        requireNonNull(url, "url is null");
        requireNonNull(credential, "credential is null");
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
    /**
     * These settings, sending {@code key} as a bearer token (the service's API key).
     *
     * @param key the API key, or blank for none
     * @return the settings
     */
    public RegistryClientConfig withCredential(String key) {
        return new RegistryClientConfig(url, pollInterval, timeout, key == null || key.isBlank() ? Optional.empty() : Optional.of(key.strip()));
    }

    @Override
    public String toString() {
        return "RegistryClientConfig[url=%s, pollInterval=%s, timeout=%s, credential=%s]".formatted(url, pollInterval, timeout,
                credential.isPresent() ? "set" : "none");
    }

    public static RegistryClientConfig of(URI url) {
        return new RegistryClientConfig(url, DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT);
    }
}
