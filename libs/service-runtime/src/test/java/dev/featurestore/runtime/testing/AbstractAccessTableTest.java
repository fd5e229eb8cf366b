package dev.featurestore.runtime.testing;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * What a service's role table test shares (subclasses are annotated {@code @MicronautTest}): the service on the test
 * stack with the fixed keys of {@link TestingAccessDirectory}, and the table checked against it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractAccessTableTest implements TestPropertyProvider {
    protected static final String PROJECT = TestingAccessDirectory.PROJECT;

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected JsonMapper jsonMapper;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.withStack(Map.of("featurestore.test.access-table", "true"));
    }

    /** Every cell of the table that the running service answers otherwise. */
    protected List<String> mismatches(AccessTable table) {
        return table.mismatches(new RawHttp(server.getURI(), jsonMapper));
    }
}
