package dev.featurestore.registry;

import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Set;

@MicronautTest
class RegistryServiceTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "registry";
    }

    @Override
    protected Set<String> dependencies() {
        return Set.of("postgresql", "kafka");
    }
}
