package dev.featurestore.registry.api;

import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.ServiceTestProperties;
import dev.featurestore.runtime.testing.TestCredentials;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the registry's API tests share: the service booted against the shared test stack, a raw
 * HTTP client, fresh project names, and a look at the outbox (a refused request must leave no row).
 * Subclasses are annotated {@code @MicronautTest(transactional = false)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRegistryApiTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper jsonMapper;

    @Inject
    DataSource dataSource;

    /** The principal of the test admin key, what the audit log records for requests of {@link #http}. */
    static final String ADMIN_PRINCIPAL = "key:" + TestCredentials.ADMIN_KEY.substring(4, 16);

    RawHttp http;

    /** Properties of this test on top of the stack's. */
    Map<String, String> additionalProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.withStack(additionalProperties());
    }

    @BeforeAll
    void createClient() {
        http = new RawHttp(server.getURI(), jsonMapper);
    }

    static String newProject() {
        return "p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    RawHttp.Answer apply(String project, String query, String document) {
        return http.send("POST", "/v1/projects/%s/apply%s".formatted(project, query), "application/json", document);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> changes(RawHttp.Answer answer) {
        return (List<Map<String, Object>>) answer.at("changes");
    }

    long outboxRows(String project) {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM registry.outbox WHERE event_key LIKE ?")) {
            statement.setString(1, project + "/%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
