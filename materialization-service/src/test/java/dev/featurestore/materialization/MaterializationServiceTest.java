package dev.featurestore.materialization;

import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Set;

@MicronautTest
class MaterializationServiceTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "materialization";
    }

    @Override
    protected Set<String> dependencies() {
        return Set.of("postgresql", "redis", "s3", "kafka");
    }
}
