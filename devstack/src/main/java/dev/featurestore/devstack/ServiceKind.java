package dev.featurestore.devstack;

/** The five services of the suite, with the module that builds each and its default port. */
public enum ServiceKind {
    REGISTRY("registry", "registry-service", 8081),
    SERVING("serving", "serving-service", 8082),
    HISTORICAL("historical", "historical-service", 8083),
    MATERIALIZATION("materialization", "materialization-service", 8084),
    MONITORING("monitoring", "monitoring-service", 8085);

    private final String shortName;
    private final String module;
    private final int defaultPort;

    ServiceKind(String shortName, String module, int defaultPort) {
        this.shortName = shortName;
        this.module = module;
        this.defaultPort = defaultPort;
    }

    /** The name used in {@code endpoints.json} and in log file names, e.g. {@code registry}. */
    public String shortName() {
        return shortName;
    }

    /** The Maven module directory, which is also the jar's name. */
    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
