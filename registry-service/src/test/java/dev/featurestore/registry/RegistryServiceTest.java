package dev.featurestore.registry;

import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest
class RegistryServiceTest extends AbstractServiceSmokeTest {
    RegistryServiceTest() {
        super("registry", "postgresql", "kafka");
    }
}
