package dev.featurestore.runtime.testing;

import dev.featurestore.testkit.TestStack;
import java.util.HashMap;
import java.util.Map;

/**
 * The Micronaut properties of a service under test: the shared test stack, a random port, a health probe timeout of
 * 10 s (a test JVM shares two cores with its embedded servers, and the default 3 s made readiness flap under load),
 * then the test's own. The stack's properties carry the test admin and service keys ({@link TestCredentials}).
 */
public final class ServiceTestProperties {
    private ServiceTestProperties() {
    }

    public static Map<String, String> withStack(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        TestStack.shared().properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        properties.put("micronaut.server.port", "-1");
        properties.put("featurestore.health.timeout", "10s");
        properties.putAll(overrides);
        return properties;
    }
}
