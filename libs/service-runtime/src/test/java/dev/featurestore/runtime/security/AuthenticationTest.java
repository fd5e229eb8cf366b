package dev.featurestore.runtime.security;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.access.ApiKeys;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TestCredentials;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security filter of every service, through a real server: who gets in, with which principal, and how a refusal
 * reads. The module's test configuration has no directory: only the configured admin and service keys authenticate.
 */
@MicronautTest(environments = "runtime-test")
@Property(name = "spec.name", value = "AuthenticationTest")
class AuthenticationTest {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper jsonMapper;

    RawHttp admin;

    @BeforeEach
    void createClient() {
        admin = new RawHttp(server.getURI(), jsonMapper);
    }

    @Test
    void refusesARequestWithoutCredentialWith401ProblemAndChallenge() {
        RawHttp.Answer answer = admin.as(null).get("/secured/whoami/demo");

        Map<String, Object> problem = assertProblem(answer, 401, "UNAUTHORIZED");
        assertThat((String) problem.get("detail")).contains("needs a credential").contains("X-API-Key");
    }

    @Test
    void refusesAnUnknownKeyAndAMalformedOneWithoutEchoingThem() {
        String unknown = ApiKeys.generate().key();

        Map<String, Object> problem = assertProblem(admin.as(unknown).get("/secured/whoami/demo"), 401, "UNAUTHORIZED");
        assertProblem(admin.as("fsk_not-a-key").get("/secured/whoami/demo"), 401, "UNAUTHORIZED");
        assertProblem(admin.as("eyJhbGciOiJIUzI1NiJ9.e30.invalid").get("/secured/whoami/demo"), 401, "UNAUTHORIZED");

        assertThat((String) problem.get("detail")).contains("not accepted").doesNotContain(unknown);
    }

    @Test
    void aKeyWithTheRightIdButAnotherSecretIsRefused() {
        String forged = TestCredentials.ADMIN_KEY.substring(0, 17) + "x".repeat(43);

        assertProblem(admin.as(forged).get("/secured/whoami/demo"), 401, "UNAUTHORIZED");
    }

    @Test
    void theConfiguredAdminKeyIsAdminOfEveryProjectAndItsPrincipalIsItsKeyId() {
        RawHttp.Answer answer = admin.get("/secured/whoami/any_project");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.at("principal")).isEqualTo("key:0000000000a1");
        assertThat(answer.at("admin")).isEqualTo(true);
        assertThat(answer.at("pii")).isEqualTo(true);
    }

    @Test
    void theServiceKeyReadsEveryProjectButMayNotWrite() {
        RawHttp service = admin.as(TestCredentials.SERVICE_KEY);

        RawHttp.Answer answer = service.get("/secured/whoami/demo");
        assertThat(answer.at("read")).isEqualTo(true);
        assertThat(answer.at("admin")).isEqualTo(false);
        Map<String, Object> problem = assertProblem(service.get("/secured/ingest/demo"), 403, "FORBIDDEN");
        assertThat((String) problem.get("detail")).contains("key:0000000000b2").contains("project 'demo'").contains("ingester");
    }

    @Test
    void theKeyMayAlsoComeInTheApiKeyHeader() {
        RawHttp.Answer answer = admin.as(null).send(HttpRequest.newBuilder(URI.create(server.getURI() + "/secured/whoami/demo"))
                .header("X-API-Key", TestCredentials.ADMIN_KEY).GET());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void livenessReadinessAndBareHealthAreOpenButNotTheirDetails() {
        RawHttp anonymous = admin.as(null);

        assertThat(anonymous.get("/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/health/readiness").status()).isIn(200, 503);
        RawHttp.Answer health = anonymous.get("/health");
        assertThat(health.json()).doesNotContainKey("details");
        assertThat(admin.get("/health").json()).containsKey("details");
    }

    @Requires(property = "spec.name", value = "AuthenticationTest")
    @Controller("/secured")
    static class SecuredController {
        private final ProjectAccess access;

        SecuredController(ProjectAccess access) {
            this.access = access;
        }

        @Get("/whoami/{project}")
        Map<String, Object> whoami(@Nullable Authentication authentication, @PathVariable String project) {
            return Map.of("principal", access.principal(authentication),
                    "read", access.allows(authentication, project, Permission.READ),
                    "admin", access.allows(authentication, project, Permission.ADMIN),
                    "pii", access.allows(authentication, project, Permission.READ_PII));
        }

        @Get("/ingest/{project}")
        Map<String, Object> ingest(@Nullable Authentication authentication, @PathVariable String project) {
            access.require(authentication, project, Permission.INGEST);
            return Map.of("ok", true);
        }
    }
}
