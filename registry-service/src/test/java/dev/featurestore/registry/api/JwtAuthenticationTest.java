package dev.featurestore.registry.api;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.featurestore.registry.domain.Documents;
import dev.featurestore.runtime.testing.RawHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * People sign in with bearer JWTs of an OIDC issuer: a real JWKS endpoint (an in-process HTTP server on loopback),
 * tokens signed with its key, and role bindings of {@code user:} and {@code group:} principals.
 */
@MicronautTest(transactional = false)
class JwtAuthenticationTest extends AbstractRegistryApiTest {
    private static final String ISSUER = "https://issuer.test";
    private static final RSAKey SIGNING_KEY = generate("issuer-key");
    private static final RSAKey OTHER_KEY = generate("other-key");
    private static final HttpServer JWKS = startJwks();

    private final String project = newProject();

    private static RSAKey generate(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer startJwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = new JWKSet(SIGNING_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    Map<String, String> additionalProperties() {
        return Map.of(
                "micronaut.security.token.jwt.signatures.jwks.oidc.url", "http://127.0.0.1:%d/jwks.json".formatted(JWKS.getAddress().getPort()),
                "micronaut.security.token.jwt.claims-validators.issuer", ISSUER);
    }

    @BeforeAll
    void bindRoles() {
        assertThat(apply(project, "", Documents.designExample()).status()).isEqualTo(200);
        bind("user:alice", "viewer");
        bind("group:ml-platform", "editor");
    }

    @AfterAll
    void stopJwks() {
        JWKS.stop(0);
    }

    private void bind(String principal, String role) {
        RawHttp.Answer bound = http.send("POST", "/v1/projects/%s/role-bindings".formatted(project), "application/json",
                "{\"principal\": \"%s\", \"role\": \"%s\"}".formatted(principal, role));
        assertThat(bound.status()).as(bound.body()).isIn(200, 201);
    }

    private static String token(RSAKey key, String issuer, String subject, List<String> groups, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(issuer).subject(subject).claim("groups", groups)
                            .issueTime(Date.from(Instant.now())).expirationTime(Date.from(expires)).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    @Test
    void aUserBoundAsViewerReadsButMayNotApply() {
        RawHttp alice = http.as(token(SIGNING_KEY, ISSUER, "alice", List.of(), inAnHour()));

        assertThat(alice.get("/v1/projects/%s/registry".formatted(project)).status()).isEqualTo(200);
        Map<String, Object> problem = assertProblem(alice.send("POST", "/v1/projects/%s/apply?dry_run=true".formatted(project), "application/json",
                Documents.designExample()), 403, "FORBIDDEN");
        assertThat((String) problem.get("detail")).contains("user:alice").contains("editor");
    }

    @Test
    void aGroupBindingLetsItsMembersEditAndTheAuditNamesTheUser() {
        RawHttp bob = http.as(token(SIGNING_KEY, ISSUER, "bob", List.of("ml-platform"), inAnHour()));

        RawHttp.Answer applied = bob.send("POST", "/v1/projects/%s/apply".formatted(project), "application/json",
                Documents.designExampleWith("{\"name\": \"trips_today\", \"dtype\": \"INT64\"}",
                        "{\"name\": \"trips_today\", \"dtype\": \"INT64\"}, {\"name\": \"jwt_feature\", \"dtype\": \"INT64\"}"));

        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> audit = (List<Map<String, Object>>) http.get("/v1/projects/%s/audit?limit=1".formatted(project)).at("entries");
        assertThat(audit).singleElement().satisfies(entry -> assertThat(entry.get("actor")).isEqualTo("user:bob"));
    }

    @Test
    void anUnboundUserIsForbiddenAndBadTokensAreUnauthorized() {
        assertProblem(http.as(token(SIGNING_KEY, ISSUER, "carol", List.of(), inAnHour())).get("/v1/projects/%s/registry".formatted(project)),
                403, "FORBIDDEN");
        assertProblem(http.as(token(SIGNING_KEY, ISSUER, "alice", List.of(), Instant.now().minus(Duration.ofMinutes(5))))
                .get("/v1/projects/%s/registry".formatted(project)), 401, "UNAUTHORIZED");
        assertProblem(http.as(token(OTHER_KEY, ISSUER, "alice", List.of(), inAnHour())).get("/v1/projects/%s/registry".formatted(project)),
                401, "UNAUTHORIZED");
        assertProblem(http.as(token(SIGNING_KEY, "https://elsewhere.test", "alice", List.of(), inAnHour()))
                .get("/v1/projects/%s/registry".formatted(project)), 401, "UNAUTHORIZED");
    }
}
