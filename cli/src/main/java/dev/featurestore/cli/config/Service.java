package dev.featurestore.cli.config;

import java.util.Locale;

/** The five services the command line talks to, with their dev-stack defaults and the names that configure them. */
public enum Service {
    REGISTRY("registry", "registry-service", 8081),
    SERVING("serving", "serving-service", 8082),
    HISTORICAL("historical", "historical-service", 8083),
    MATERIALIZATION("materialization", "materialization-service", 8084),
    MONITORING("monitoring", "monitoring-service", 8085);

    private final String key;
    private final String displayName;
    private final int defaultPort;

    Service(String key, String displayName, int defaultPort) {
        this.key = key;
        this.displayName = displayName;
        this.defaultPort = defaultPort;
    }

    /** Its key under {@code endpoints:} of featurestore.yaml and {@code services} of the endpoints file. */
    public String key() {
        return key;
    }

    /** How messages name it, e.g. {@code registry-service}. */
    public String displayName() {
        return displayName;
    }

    /** The dev stack's URL of it. */
    public String defaultUrl() {
        return "http://127.0.0.1:" + defaultPort;
    }

    /** The environment variable with its URL, e.g. {@code FEATURESTORE_REGISTRY_URL}. */
    public String environmentVariable() {
        return "FEATURESTORE_%s_URL".formatted(key.toUpperCase(Locale.ROOT));
    }

    /** The command-line option with its URL, e.g. {@code --registry-url}. */
    public String option() {
        return "--%s-url".formatted(key);
    }
}
