package dev.featurestore.runtime.security;

import dev.featurestore.contracts.access.ApiKeys;
import dev.featurestore.contracts.validation.Text;
import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code featurestore.security.*}: who may call the service (see docs/security.md).
 *
 * @param enabled whether requests need a credential (default true; false only for local experiments)
 * @param adminKey an API key ({@code fsk_...}) that is admin of every project, from configuration (bootstrap)
 * @param serviceKey the API key this service sends to the others (registry client, skew check); it reads every
 *     project and the access directory
 * @param adminPrincipals principals (such as {@code user:alice} or {@code group:platform} from a JWT) that are admin of
 *     every project
 * @param directory where API keys and role bindings come from: {@code registry} (read from the registry, default),
 *     {@code local} (the registry itself), {@code none} (only the configured keys)
 * @param registryUrl the registry's base URL, for {@code directory: registry}
 * @param refreshInterval how often the directory is read again (a revoked key stops working within about this)
 * @param timeout connect and request timeout of a directory read
 * @param groupsClaim the JWT claim listing the caller's groups (bound as {@code group:<name>})
 */
@ConfigurationProperties(SecurityProperties.PREFIX)
public record SecurityProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable String adminKey,
        @Nullable String serviceKey,
        @Nullable List<String> adminPrincipals,
        @Bindable(defaultValue = "registry") String directory,
        @Bindable(defaultValue = "http://127.0.0.1:8081") String registryUrl,
        @Bindable(defaultValue = "2s") Duration refreshInterval,
        @Bindable(defaultValue = "5s") Duration timeout,
        @Bindable(defaultValue = "groups") String groupsClaim) {
    public static final String PREFIX = "featurestore.security";

    public SecurityProperties {
        adminPrincipals = adminPrincipals == null ? List.of() : List.copyOf(adminPrincipals);
        checkKey(adminKey, PREFIX + ".admin-key");
        checkKey(serviceKey, PREFIX + ".service-key");
        if (!List.of("registry", "local", "none").contains(directory)) {
            throw new IllegalArgumentException("%s.directory must be registry, local or none, got '%s'".formatted(PREFIX, directory));
        }
        if (enabled && "registry".equals(directory) && blank(serviceKey)) {
            throw new IllegalArgumentException(("%s.service-key must be set: this service reads API keys and role bindings from the registry "
                    + "with it (or set %s.directory: none)").formatted(PREFIX, PREFIX));
        }
        ConfigurationChecks.requireUri(registryUrl, PREFIX + ".registry-url", "http", "https");
        ConfigurationChecks.requirePositive(refreshInterval, PREFIX + ".refresh-interval");
        ConfigurationChecks.requirePositive(timeout, PREFIX + ".timeout");
        ConfigurationChecks.requireText(groupsClaim, PREFIX + ".groups-claim");
        for (String principal : adminPrincipals) {
            if (!Principals.isValid(principal)) {
                throw new IllegalArgumentException("%s.admin-principals: %s is not a principal (user:<subject> or group:<name>)".formatted(PREFIX,
                        Text.quote(principal)));
            }
        }
    }

    public Optional<String> adminKeyValue() {
        return blank(adminKey) ? Optional.empty() : Optional.of(adminKey.strip());
    }

    public Optional<String> serviceKeyValue() {
        return blank(serviceKey) ? Optional.empty() : Optional.of(serviceKey.strip());
    }

    private static void checkKey(String key, String property) {
        if (!blank(key) && ApiKeys.parse(key.strip()).isEmpty()) {
            throw new IllegalArgumentException(("%s is not an API key: expected fsk_<12 hex digits>_<43 base64url characters> "
                    + "(see docs/security.md for how to make one)").formatted(property));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "SecurityProperties[enabled=%s, directory=%s, registryUrl=%s, adminKey=%s, serviceKey=%s]".formatted(
                enabled, directory, registryUrl, blank(adminKey) ? "unset" : "set", blank(serviceKey) ? "unset" : "set");
    }
}
