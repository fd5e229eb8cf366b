package dev.featurestore.serving;

import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest
class ServingServiceTest extends AbstractServiceSmokeTest {
    ServingServiceTest() {
        super("serving", "redis", "kafka", "s3");
    }
}
