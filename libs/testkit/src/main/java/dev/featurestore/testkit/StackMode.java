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

    /** The mode the environment asks for, see the class comment. */
    public static StackMode fromEnvironment() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
