package dev.featurestore.historical;

import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Set;

@MicronautTest
class HistoricalServiceTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "historical";
    }

    @Override
    protected Set<String> dependencies() {
        return Set.of("postgresql", "s3", "kafka");
    }
}
