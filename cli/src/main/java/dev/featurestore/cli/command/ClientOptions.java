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
    OutputFormat output;

    @Option(names = "--poll-interval", paramLabel = "DURATION",
            description = "How often a followed run or job is asked for its state (default 500ms; e.g. 2s).")
    String pollInterval;

    @Option(names = {"-v", "--verbose"}, description = "Show the cause and stack trace of an error, and the libraries' warnings.")
    boolean verbose;

    /** These options, each one not given taken from {@code outer} (the options given before the command's name). */
    ClientOptions orElse(ClientOptions outer) {
        ClientOptions merged = new ClientOptions();
        merged.repository = repository != null ? repository : outer.repository;
        merged.project = project != null ? project : outer.project;
        merged.registryUrl = registryUrl != null ? registryUrl : outer.registryUrl;
        merged.servingUrl = servingUrl != null ? servingUrl : outer.servingUrl;
        merged.historicalUrl = historicalUrl != null ? historicalUrl : outer.historicalUrl;
        merged.materializationUrl = materializationUrl != null ? materializationUrl : outer.materializationUrl;
        merged.monitoringUrl = monitoringUrl != null ? monitoringUrl : outer.monitoringUrl;
        merged.s3Endpoint = s3Endpoint != null ? s3Endpoint : outer.s3Endpoint;
        merged.apiKey = apiKey != null ? apiKey : outer.apiKey;
        merged.output = output != null ? output : outer.output;
        merged.pollInterval = pollInterval != null ? pollInterval : outer.pollInterval;
        merged.verbose = verbose || outer.verbose;
        return merged;
    }

    /** The poll interval given, else the context's. */
    java.time.Duration pollInterval(java.time.Duration otherwise) {
        if (pollInterval == null) {
            return otherwise;
        }
        java.time.Duration duration = dev.featurestore.contracts.definition.FeatureDuration.tryParse(pollInterval.trim())
                .map(dev.featurestore.contracts.definition.FeatureDuration::duration)
                .filter(value -> value.toMillis() >= 50)
                .orElseThrow(() -> new dev.featurestore.cli.CliException(
                        "--poll-interval: '%s' is not a duration of at least 50ms such as 500ms or 2s".formatted(pollInterval)));
        return duration;
    }

    OutputFormat format() {
        return output == null ? OutputFormat.TEXT : output;
    }

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
