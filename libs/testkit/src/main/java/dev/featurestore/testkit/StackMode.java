package dev.featurestore.testkit;

/**
 * How the testkit provides its servers. Chosen by system property {@code featurestore.testkit.mode}
 * or environment variable {@code FEATURESTORE_TESTKIT_MODE}; without either, {@code containers} when
 * a Docker engine answers, else {@code embedded}.
 */
public enum StackMode {
    /** In-process or child-process servers from Maven artifacts; needs only a JDK. */
    EMBEDDED,
    /** Testcontainers; needs a Docker engine. */
    CONTAINERS,
    /** The user's own servers, from environment variables (see the testkit README). */
    EXTERNAL;

    /** System property choosing the mode. */
    public static final String PROPERTY = "featurestore.testkit.mode";
    /** Environment variable choosing the mode when the system property is not set. */
    public static final String ENVIRONMENT_VARIABLE = "FEATURESTORE_TESTKIT_MODE";

    /** The mode the environment asks for, see the class comment. */
    public static StackMode fromEnvironment() {
        String configured = System.getProperty(PROPERTY);
        String source = PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT_VARIABLE);
            source = ENVIRONMENT_VARIABLE;
        }
        if (configured == null || configured.isBlank()) {
            return DockerProbe.isDockerAvailable() ? CONTAINERS : EMBEDDED;
        }
        return parse(source, configured);
    }

    static StackMode parse(String source, String value) {
        for (StackMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("%s must be embedded, containers or external, not '%s'".formatted(source, value));
    }
}
