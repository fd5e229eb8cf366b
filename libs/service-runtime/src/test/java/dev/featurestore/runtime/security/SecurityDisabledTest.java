package dev.featurestore.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.testing.RawHttp;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code featurestore.security.enabled: false} (local experiments only): no credential needed, everyone may do everything. */
@MicronautTest(environments = "runtime-test")
@Property(name = "spec.name", value = "SecurityDisabledTest")
@Property(name = "featurestore.security.enabled", value = "false")
class SecurityDisabledTest {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper jsonMapper;

    @Test
    void anAnonymousCallerIsLetThroughAsAnonymousWithEveryPermission() {
        RawHttp.Answer answer = new RawHttp(server.getURI(), jsonMapper, null).get("/open/whoami");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("principal", "anonymous").containsEntry("admin", true);
    }

    @Requires(property = "spec.name", value = "SecurityDisabledTest")
    @Controller("/open")
    static class OpenController {
        private final ProjectAccess access;

        OpenController(ProjectAccess access) {
            this.access = access;
        }

        @Get("/whoami")
        Map<String, Object> whoami(@Nullable Authentication authentication) {
            return Map.of("principal", access.principal(authentication), "admin", access.allows(authentication, "any", Permission.ADMIN));
        }
    }
}
