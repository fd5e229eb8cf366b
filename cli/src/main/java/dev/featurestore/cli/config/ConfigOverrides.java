package dev.featurestore.cli.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * What the command line itself says (its options), the highest priority of the resolution.
 *
 * @param serviceUrls the {@code --<service>-url} options given
 */
public record ConfigOverrides(Optional<String> project, Map<Service, String> serviceUrls, Optional<String> s3Endpoint, Optional<String> apiKey) {
    public ConfigOverrides {
        requireNonNull(project, "project is null");
        serviceUrls = Map.copyOf(serviceUrls);
        requireNonNull(s3Endpoint, "s3Endpoint is null");
        requireNonNull(apiKey, "apiKey is null");
    }

    public static ConfigOverrides none() {
        return new ConfigOverrides(Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
    }
}
