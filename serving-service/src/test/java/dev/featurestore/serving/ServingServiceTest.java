package dev.featurestore.serving;

import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Set;

@MicronautTest
class ServingServiceTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "serving";
    }

    @Override
    protected Set<String> dependencies() {
        return Set.of("redis", "kafka", "s3");
    }
}
