package dev.featurestore.monitoring;

import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest
class MonitoringServiceTest extends AbstractServiceSmokeTest {
    MonitoringServiceTest() {
        super("monitoring", "postgresql", "kafka");
    }
}
