package dev.featurestore.cli.command;

import dev.featurestore.cli.config.ConfigOverrides;
import dev.featurestore.cli.config.Service;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command takes: where the repository and services are, the output format, verbosity. */
public final class ClientOptions {
    @Option(names = {"-r", "--repo"}, paramLabel = "DIR",
            description = "The feature repository (default: the current directory); its featurestore.yaml is read.")
    String repository;

    @Option(names = {"-p", "--project"}, paramLabel = "NAME", description = "The project (else FEATURESTORE_PROJECT, else featurestore.yaml's project).")
    String project;

    @Option(names = "--registry-url", paramLabel = "URL", description = "registry-service (else FEATURESTORE_REGISTRY_URL, featurestore.yaml, the dev stack's endpoints file, http://127.0.0.1:8081).")
    String registryUrl;

    @Option(names = "--serving-url", paramLabel = "URL", description = "serving-service (default http://127.0.0.1:8082).")
    String servingUrl;

    @Option(names = "--historical-url", paramLabel = "URL", description = "historical-service (default http://127.0.0.1:8083).")
    String historicalUrl;

    @Option(names = "--materialization-url", paramLabel = "URL", description = "materialization-service (default http://127.0.0.1:8084).")
    String materializationUrl;

    @Option(names = "--monitoring-url", paramLabel = "URL", description = "monitoring-service (default http://127.0.0.1:8085).")
    String monitoringUrl;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "The S3 API of the offline store (default http://127.0.0.1:19000).")
    String s3Endpoint;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "The API key (prefer FEATURESTORE_API_KEY: options are visible to other users of the machine).")
    String apiKey;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json (one JSON document, for scripts).")
    OutputFormat output = OutputFormat.TEXT;

    @Option(names = {"-v", "--verbose"}, description = "Show the cause and stack trace of an error, and the libraries' warnings.")
    boolean verbose;

    ConfigOverrides overrides() {
        Map<Service, String> urls = new EnumMap<>(Service.class);
        put(urls, Service.REGISTRY, registryUrl);
        put(urls, Service.SERVING, servingUrl);
        put(urls, Service.HISTORICAL, historicalUrl);
        put(urls, Service.MATERIALIZATION, materializationUrl);
        put(urls, Service.MONITORING, monitoringUrl);
        return new ConfigOverrides(Optional.ofNullable(project), urls, Optional.ofNullable(s3Endpoint), Optional.ofNullable(apiKey));
    }

    private static void put(Map<Service, String> urls, Service service, String url) {
        if (url != null) {
            urls.put(service, url);
        }
    }
}
