package dev.featurestore.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Start-up checks for {@code @ConfigurationProperties} records: each failure names the full
 * property so a bad value fails fast with a message an operator can act on. Values are quoted
 * unless they may be secrets.
 */
public final class ConfigurationChecks {
    private ConfigurationChecks() {
    }

    public static String requireText(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("%s must be set".formatted(property));
        }
        return value;
    }

    public static Duration requirePositive(Duration value, String property) {
        if (value == null) {
            throw new IllegalArgumentException("%s must be set".formatted(property));
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("%s must be positive, got '%s'".formatted(property, value));
        }
        return value;
    }

    public static int requirePositive(int value, String property) {
        if (value <= 0) {
            throw new IllegalArgumentException("%s must be positive, got '%s'".formatted(property, value));
        }
        return value;
    }

    /** An absolute URI whose scheme is one of {@code schemes}. */
    public static URI requireUri(String value, String property, String... schemes) {
        requireText(value, property);
        URI uri;
        try {
            uri = new URI(value.trim());
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("%s is not a valid URI: %s".formatted(property, e.getReason()), e);
        }
        for (String scheme : schemes) {
            if (scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        }
        throw new IllegalArgumentException("%s must be a %s URI with a host, got '%s'"
                .formatted(property, String.join(" or ", schemes), Redaction.redact(uri)));
    }
}
