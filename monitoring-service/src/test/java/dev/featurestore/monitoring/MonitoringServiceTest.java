package dev.featurestore.monitoring;

import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Set;

@MicronautTest
class MonitoringServiceTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "monitoring";
    }

    @Override
    protected Set<String> dependencies() {
        return Set.of("postgresql", "kafka");
    }
}
