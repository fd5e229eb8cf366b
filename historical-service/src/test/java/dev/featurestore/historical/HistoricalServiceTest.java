package dev.featurestore.historical;

import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest
class HistoricalServiceTest extends AbstractServiceSmokeTest {
    HistoricalServiceTest() {
        super("historical", "postgresql", "s3", "kafka");
    }
}
