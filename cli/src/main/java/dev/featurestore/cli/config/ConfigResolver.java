package dev.featurestore.cli.config;

import dev.featurestore.cli.CliException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resolves the client configuration, highest first: the command line's options, environment variables,
 * {@code featurestore.yaml} of the repository, the dev stack's endpoints file, the built-in defaults (the dev stack's
 * ports). The Python SDK resolves the same way (cli/README.md, "Configuration").
 */
public final class ConfigResolver {
    public static final String PROJECT_VARIABLE = "FEATURESTORE_PROJECT";
    public static final String API_KEY_VARIABLE = "FEATURESTORE_API_KEY";
    public static final String S3_ENDPOINT_VARIABLE = "FEATURESTORE_S3_ENDPOINT";
    static final String DEFAULT_S3_ENDPOINT = "http://127.0.0.1:19000";
    static final String DEFAULT_REGION = "us-east-1";
    static final String DEFAULT_BUCKET = "featurestore";
    static final String DEFAULT = "default";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private ConfigResolver() {
    }

    /**
     * @param workingDirectory where the endpoints file is looked for (and relative paths start)
     * @param repositoryDirectory where {@code featurestore.yaml} is read from, if it is there
     */
    public static ClientConfig resolve(ConfigOverrides overrides, Map<String, String> environment, Path workingDirectory, Path repositoryDirectory) {
        Optional<RepositoryConfig> repository = RepositoryConfig.readIfPresent(repositoryDirectory);
        Optional<EndpointsFile> endpointsFile = EndpointsFile.find(environment, workingDirectory);
        String repositoryOrigin = repository.map(config -> config.file().toString()).orElse("");
        String endpointsOrigin = endpointsFile.map(file -> file.file().toString()).orElse("");
        Function<String, Optional<String>> variable = name -> Optional.ofNullable(environment.get(name)).map(String::trim).filter(value -> !value.isEmpty());

        Optional<Setting<String>> project = first(
                overrides.project().map(value -> new Setting<>(value, "--project")),
                variable.apply(PROJECT_VARIABLE).map(value -> new Setting<>(value, PROJECT_VARIABLE)),
                repository.flatMap(RepositoryConfig::project).map(value -> new Setting<>(value, repositoryOrigin + " (project)")));
        project.ifPresent(setting -> {
            if (!NAME.matcher(setting.value()).matches() || setting.value().length() > 128) {
                throw new CliException("%s: '%s' is not a project name (lower-case letters, digits and _, starting with a letter)"
                        .formatted(setting.origin(), setting.value()));
            }
        });

        Map<Service, Setting<URI>> endpoints = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Setting<String> url = first(
                    Optional.ofNullable(overrides.serviceUrls().get(service)).map(value -> new Setting<>(value, service.option())),
                    variable.apply(service.environmentVariable()).map(value -> new Setting<>(value, service.environmentVariable())),
                    repository.map(config -> config.endpoints().get(service)).map(value -> new Setting<>(value, repositoryOrigin + " (endpoints." + service.key() + ")")),
                    endpointsFile.map(file -> file.services().get(service)).map(value -> new Setting<>(value, endpointsOrigin + " (services." + service.key() + ")")))
                    .orElse(new Setting<>(service.defaultUrl(), DEFAULT));
            endpoints.put(service, new Setting<>(httpUrl(url), url.origin()));
        }

        Setting<String> s3Endpoint = first(
                overrides.s3Endpoint().map(value -> new Setting<>(value, "--s3-endpoint")),
                variable.apply(S3_ENDPOINT_VARIABLE).map(value -> new Setting<>(value, S3_ENDPOINT_VARIABLE)),
                offlineStore(repository, "endpoint", repositoryOrigin),
                s3(endpointsFile, "endpoint", endpointsOrigin))
                .orElse(new Setting<>(DEFAULT_S3_ENDPOINT, DEFAULT));
        s3Endpoint = new Setting<>(httpUrl(s3Endpoint).toString(), s3Endpoint.origin());
        Setting<String> region = first(
                variable.apply("AWS_REGION").map(value -> new Setting<>(value, "AWS_REGION")),
                offlineStore(repository, "region", repositoryOrigin),
                s3(endpointsFile, "region", endpointsOrigin))
                .orElse(new Setting<>(DEFAULT_REGION, DEFAULT));
        Setting<String> bucket = first(
                offlineStore(repository, "bucket", repositoryOrigin),
                s3(endpointsFile, "bucket", endpointsOrigin))
                .orElse(new Setting<>(DEFAULT_BUCKET, DEFAULT));
        if (!BUCKET.matcher(bucket.value()).matches()) {
            throw new CliException("%s: '%s' is not a bucket name".formatted(bucket.origin(), bucket.value()));
        }
        Setting<String> staging = offlineStore(repository, "staging_prefix", repositoryOrigin)
                .orElse(new Setting<>("s3://%s/staging/".formatted(bucket.value()), DEFAULT));
        staging = new Setting<>(stagingPrefix(staging), staging.origin());
        Optional<Setting<String>> accessKey = first(
                variable.apply("AWS_ACCESS_KEY_ID").map(value -> new Setting<>(value, "AWS_ACCESS_KEY_ID")),
                s3(endpointsFile, "access_key", endpointsOrigin));
        Optional<Setting<String>> secretKey = first(
                variable.apply("AWS_SECRET_ACCESS_KEY").map(value -> new Setting<>(value, "AWS_SECRET_ACCESS_KEY")),
                s3(endpointsFile, "secret_key", endpointsOrigin));
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new CliException("%s is set but no secret key: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY together"
                    .formatted(accessKey.or(() -> secretKey).orElseThrow().origin()));
        }

        Optional<String> keyVariable = repository.flatMap(RepositoryConfig::apiKeyEnvironmentVariable);
        Optional<Setting<String>> apiKey = first(
                overrides.apiKey().map(value -> new Setting<>(value, "--api-key")),
                variable.apply(API_KEY_VARIABLE).map(value -> new Setting<>(value, API_KEY_VARIABLE)),
                keyVariable.flatMap(variable).map(value -> new Setting<>(value, keyVariable.orElseThrow() + " (auth.api_key_env of " + repositoryOrigin + ")")),
                endpointsFile.flatMap(EndpointsFile::adminKey).map(value -> new Setting<>(value, endpointsOrigin + " (security.admin_key)")));

        return new ClientConfig(project, endpoints,
                new OfflineStoreConfig(s3Endpoint, region, bucket, staging, accessKey, secretKey), apiKey, repository, endpointsFile);
    }

    private static Optional<Setting<String>> offlineStore(Optional<RepositoryConfig> repository, String key, String origin) {
        return repository.map(config -> config.offlineStore().get(key)).map(value -> new Setting<>(value, origin + " (offline_store." + key + ")"));
    }

    private static Optional<Setting<String>> s3(Optional<EndpointsFile> file, String key, String origin) {
        return file.map(endpoints -> endpoints.s3().get(key)).filter(value -> !value.isBlank())
                .map(value -> new Setting<>(value, origin + " (s3." + key + ")"));
    }

    @SafeVarargs
    private static <T> Optional<T> first(Optional<T>... candidates) {
        for (Optional<T> candidate : candidates) {
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    /** An absolute http(s) URL with a host, without a trailing slash. */
    static URI httpUrl(Setting<String> url) {
        String text = url.value().trim();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new URISyntaxException(text, "expected http://host:port or https://host:port");
            }
            return uri;
        }
        catch (URISyntaxException e) {
            throw new CliException("%s: '%s' is not an http(s) URL such as http://127.0.0.1:8081".formatted(url.origin(), url.value()));
        }
    }

    private static String stagingPrefix(Setting<String> prefix) {
        String text = prefix.value().trim();
        if (!text.matches("s3a?://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?")) {
            throw new CliException("%s: '%s' is not an s3://bucket/prefix/ URI".formatted(prefix.origin(), prefix.value()));
        }
        return text.endsWith("/") ? text : text + "/";
    }
}
