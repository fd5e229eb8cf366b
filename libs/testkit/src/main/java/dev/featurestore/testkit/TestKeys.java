package dev.featurestore.testkit;

import java.util.Map;

/**
 * The API keys services under test are configured with (fixed values, valid keys, for tests and benchmarks only): an
 * admin of every project, and the services' own key. The dev stack makes its own keys.
 */
public final class TestKeys {
    public static final String ADMIN_KEY = "fsk_0000000000a1_AdminKeyOfTheTestsAdminKeyOfTheTestsAdminKe";
    public static final String SERVICE_KEY = "fsk_0000000000b2_ServiceKeyOfTheTestsServiceKeyOfTheTestsSer";

    private TestKeys() {
    }

    /** The properties that give a service these keys. */
    public static Map<String, Object> properties() {
        return Map.of("featurestore.security.admin-key", ADMIN_KEY, "featurestore.security.service-key", SERVICE_KEY);
    }
}
