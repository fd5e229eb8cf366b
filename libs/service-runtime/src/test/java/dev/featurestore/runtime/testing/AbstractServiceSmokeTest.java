package dev.featurestore.runtime.testing;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every service must do once booted against the real test stack: report each of its
 * dependencies UP under its name in {@code /health}, answer liveness and readiness, answer an
 * unknown route with a problem document, and serve its OpenAPI document. A service's test extends
 * this, is annotated {@code @MicronautTest}, and names the service and its dependencies:
 * <pre>{@code
 * @MicronautTest
 * class RegistryServiceTest extends AbstractServiceSmokeTest {
 *     RegistryServiceTest() {
 *         super("registry", "postgresql", "kafka");
 *     }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractServiceSmokeTest implements TestPropertyProvider {
    private static final Set<String> KNOWN_DEPENDENCIES = Set.of("postgresql", "kafka", "redis", "s3");

    private final String serviceName;
    private final Set<String> dependencies;

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected JsonMapper jsonMapper;

    protected RawHttp http;

    /**
     * @param serviceName the short name, e.g. {@code registry}: the OpenAPI document is {@code /openapi/<name>.yml}
     * @param dependencies health indicator names of the service's dependencies: {@code postgresql}, {@code kafka}, {@code redis}, {@code s3}
     */
    protected AbstractServiceSmokeTest(String serviceName, String... dependencies) {
        this.serviceName = serviceName;
        this.dependencies = Set.of(dependencies);
        assertThat(KNOWN_DEPENDENCIES).containsAll(this.dependencies);
    }

    /** Extra properties of the service's test; the stack's properties and a random port come first. */
    protected Map<String, String> additionalProperties() {
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

    @Test
    void reportsEveryDependencyUpByName() {
        RawHttp.Answer health = http.get("/health");

        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.at("status")).as(health.body()).isEqualTo("UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) health.at("details");
        assertThat(details).as(health.body()).containsKeys(dependencies.toArray(String[]::new));
        for (String dependency : dependencies) {
            assertThat(health.at("details." + dependency + ".status")).as("%s in %s", dependency, health.body()).isEqualTo("UP");
        }
        assertThat(details.keySet().stream().filter(KNOWN_DEPENDENCIES::contains)).as("no dependency the service does not use")
                .containsExactlyInAnyOrderElementsOf(dependencies);
    }

    @Test
    void answersLivenessAndReadiness() {
        assertThat(http.get("/health/liveness").status()).isEqualTo(200);
        RawHttp.Answer readiness = http.get("/health/readiness");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.at("status")).isEqualTo("UP");
    }

    @Test
    void answersUnknownRouteWithProblem() {
        RawHttp.Answer answer = http.get("/no/such/route");

        Map<String, Object> problem = assertProblem(answer, 404, "NOT_FOUND");
        assertThat((String) problem.get("detail")).contains("/no/such/route");
        assertThat(answer.requestId()).isPresent();
    }

    @Test
    void servesOpenApiDocument() {
        RawHttp.Answer answer = http.get("/openapi/%s.yml".formatted(serviceName));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).startsWith("openapi: 3.").contains("title: " + serviceName + "-service");
    }
}
