package dev.featurestore.runtime.testing;

import dev.featurestore.testkit.TestKeys;

/**
 * The configured keys of services under test ({@link ServiceTestProperties}): an admin of every project and the
 * services' own key ({@link TestKeys}).
 */
public final class TestCredentials {
    public static final String ADMIN_KEY = TestKeys.ADMIN_KEY;
    public static final String SERVICE_KEY = TestKeys.SERVICE_KEY;

    private TestCredentials() {
    }
}
