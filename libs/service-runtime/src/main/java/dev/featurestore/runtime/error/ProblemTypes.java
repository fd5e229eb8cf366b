package dev.featurestore.runtime.error;

/** Problem type URIs: {@code urn:featurestore:problem:<slug>}. */
public final class ProblemTypes {
    public static final String PREFIX = "urn:featurestore:problem:";

    private ProblemTypes() {
    }

    public static String uri(ErrorCode code) {
        return PREFIX + code.typeSlug();
    }
}
