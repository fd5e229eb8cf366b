package dev.featurestore.materialization;

import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest
class MaterializationServiceTest extends AbstractServiceSmokeTest {
    MaterializationServiceTest() {
        super("materialization", "postgresql", "redis", "s3", "kafka");
    }
}
