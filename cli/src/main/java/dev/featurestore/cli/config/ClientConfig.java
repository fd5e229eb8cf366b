package dev.featurestore.cli.config;

import static java.util.Objects.requireNonNull;

import dev.featurestore.cli.CliException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the services are, which project, which key: resolved from the command line, the environment,
 * {@code featurestore.yaml}, the dev stack's endpoints file and the defaults, in that order (cli/README.md,
 * "Configuration").
 */
public record ClientConfig(
        Optional<Setting<String>> project,
        Map<Service, Setting<URI>> endpoints,
        OfflineStoreConfig offlineStore,
        Optional<Setting<String>> apiKey,
        Optional<RepositoryConfig> repositoryConfig,
        Optional<EndpointsFile> endpointsFile) {

    public ClientConfig {
        requireNonNull(project, "project is null");
        endpoints = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(endpoints));
        requireNonNull(offlineStore, "offlineStore is null");
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(repositoryConfig, "repositoryConfig is null");
        requireNonNull(endpointsFile, "endpointsFile is null");
    }

    public URI endpoint(Service service) {
        return endpoints.get(service).value();
    }

    /** The project, or an error saying how to give one. */
    public String requireProject() {
        return project.map(Setting::value).orElseThrow(() -> new CliException(
                "no project: pass --project, set FEATURESTORE_PROJECT, or run in a feature repository whose featurestore.yaml names one"));
    }

    /** The API key, or an error saying how to give one. */
    public String requireApiKey() {
        return apiKey.map(Setting::value).orElseThrow(() -> new CliException(
                "no API key: set FEATURESTORE_API_KEY%s, or pass --api-key; against the dev stack, run in its repository (its .devstack/endpoints.json holds an admin key) or set FEATURESTORE_ENDPOINTS_FILE"
                        .formatted(repositoryConfig.flatMap(RepositoryConfig::apiKeyEnvironmentVariable)
                                .map(name -> " (or " + name + ", as featurestore.yaml's auth.api_key_env says)").orElse(""))));
    }

    /** Every setting with where it came from; the API key and secret key are masked. */
    public Map<String, Map<String, String>> describe() {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        project.ifPresent(setting -> settings.put("project", entry(setting.value(), setting.origin())));
        endpoints.forEach((service, setting) -> settings.put("endpoints." + service.key(), entry(setting.value().toString(), setting.origin())));
        settings.put("offline_store.endpoint", entry(offlineStore.endpoint().value(), offlineStore.endpoint().origin()));
        settings.put("offline_store.region", entry(offlineStore.region().value(), offlineStore.region().origin()));
        settings.put("offline_store.bucket", entry(offlineStore.bucket().value(), offlineStore.bucket().origin()));
        settings.put("offline_store.staging_prefix", entry(offlineStore.stagingPrefix().value(), offlineStore.stagingPrefix().origin()));
        offlineStore.accessKey().ifPresent(setting -> settings.put("offline_store.access_key", entry(setting.value(), setting.origin())));
        offlineStore.secretKey().ifPresent(setting -> settings.put("offline_store.secret_key", entry(mask(setting.value()), setting.origin())));
        apiKey.ifPresent(setting -> settings.put("api_key", entry(mask(setting.value()), setting.origin())));
        return settings;
    }

    private static Map<String, String> entry(String value, String origin) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("value", value);
        entry.put("from", origin);
        return entry;
    }

    /** Enough of a key to tell two apart: an API key's public id ({@code fsk_<id>_}), else its first 4 characters. */
    static String mask(String secret) {
        if (secret.startsWith("fsk_") && secret.indexOf('_', 4) > 0) {
            return secret.substring(0, secret.indexOf('_', 4) + 1) + "...";
        }
        return secret.length() <= 4 ? "..." : secret.substring(0, 4) + "...";
    }
}
