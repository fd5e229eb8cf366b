package dev.featurestore.testkit;

import java.util.Locale;

/** Micronaut's mapping between property names and environment variables. */
public final class EnvironmentNames {
    private EnvironmentNames() {
    }

    /** {@code featurestore.s3.access-key} becomes {@code FEATURESTORE_S3_ACCESS_KEY}. */
    public static String toEnvironmentVariable(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
