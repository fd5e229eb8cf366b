package dev.featurestore.runtime.error;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.http.RequestIdFilter;
import dev.featurestore.runtime.testing.RawHttp;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Every kind of error a service can answer, through a real Micronaut server: one problem+json shape. */
@MicronautTest(environments = "runtime-test")
@Property(name = "spec.name", value = "ProblemRenderingTest")
class ProblemRenderingTest {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper jsonMapper;

    RawHttp http;

    @BeforeEach
    void createClient() {
        http = new RawHttp(server.getURI(), jsonMapper);
    }

    @Test
    void answersUnknownRouteWithNotFound() {
        Map<String, Object> problem = assertProblem(http.get("/nothing/here"), 404, "NOT_FOUND");

        assertThat(problem.get("detail")).isEqualTo("Nothing at GET /nothing/here");
    }

    @Test
    void answersWrongMethodWithMethodNotAllowed() {
        assertProblem(http.send("DELETE", "/test/projects", null, null), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void answersWrongContentTypeWithUnsupportedMediaType() {
        assertProblem(http.send("POST", "/test/projects", "text/plain", "name=x"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void answersUnreadableJsonWithMalformedBody() {
        Map<String, Object> problem = assertProblem(
                http.send("POST", "/test/projects", "application/json", "{\"name\": "), 400, "MALFORMED_BODY");

        assertThat((String) problem.get("detail")).startsWith("The request body is not valid JSON");
    }

    @Test
    void answersBeanValidationViolationsNamingEachField() {
        Map<String, Object> problem = assertProblem(
                http.send("POST", "/test/projects", "application/json", "{\"name\": \"Bad Name\", \"ownerEmail\": \"\"}"),
                400, "VALIDATION_FAILED");

        assertThat(paths(problem)).containsExactly("name", "owner_email");
    }

    @Test
    void answersInvalidQueryValueNamingTheParameter() {
        Map<String, Object> problem = assertProblem(http.get("/test/limited?limit=5000"), 400, "VALIDATION_FAILED");

        assertThat(paths(problem)).containsExactly("limit");
    }

    @Test
    void answersUserErrorWithItsCodeMessageAndFieldErrors() {
        Map<String, Object> problem = assertProblem(http.get("/test/conflict"), 409, "CONFLICT");

        assertThat(problem.get("detail")).isEqualTo("project 'p' already exists");
        assertThat(problem.get("errors")).isEqualTo(List.of(Map.of("path", "name", "message", "taken: 'p'")));
    }

    @Test
    void answersInternalErrorOfOursWithItsMessage() {
        Map<String, Object> problem = assertProblem(http.get("/test/unavailable"), 503, "SERVICE_UNAVAILABLE");

        assertThat(problem.get("detail")).isEqualTo("the offline store does not answer");
    }

    @Test
    void answersEvery503WithRetryAfterTheDefaultOrWhatTheFailureKnows() {
        RawHttp.Answer unknown = http.get("/test/unavailable");
        RawHttp.Answer known = http.get("/test/unavailable-for-a-while");
        RawHttp.Answer head = http.send("HEAD", "/test/unavailable", null, null);

        assertThat(unknown.header("Retry-After")).contains("1");
        assertThat(unknown.headers().allValues("Retry-After")).hasSize(1);
        assertProblem(known, 503, "SERVICE_UNAVAILABLE");
        assertThat(known.header("Retry-After")).contains("3");
        assertThat(head.status()).isEqualTo(503);
        assertThat(head.header("Retry-After")).contains("1");
        assertThat(http.get("/test/conflict").header("Retry-After")).isEmpty();
        assertThat(http.get("/test/boom").header("Retry-After")).isEmpty();
    }

    @Test
    void answersUnexpectedFailureWithoutLeakingIt() {
        RawHttp.Answer answer = http.get("/test/boom");

        Map<String, Object> problem = assertProblem(answer, 500, "INTERNAL_ERROR");
        assertThat(answer.body()).doesNotContain("secret-detail").doesNotContain("IllegalStateException");
        assertThat(problem.get("detail")).isEqualTo(ProblemErrorResponseProcessor.INTERNAL_DETAIL);
    }

    @Test
    void echoesTheCallersRequestIdAndPutsItInTheMdc() {
        RawHttp.Answer answer = http.send(HttpRequest.newBuilder(server.getURI().resolve("/test/request-id"))
                .header(RequestIdFilter.HEADER, "abc-123").GET());

        assertThat(answer.requestId()).contains("abc-123");
        assertThat(answer.body()).isEqualTo("abc-123");
    }

    @Test
    void givesARequestWithoutIdANewOne() {
        assertThat(http.get("/test/request-id").requestId()).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    }

    @Test
    void refusesNulInAQueryParameterOrThePathBeforeTheControllerEchoingNothing() {
        RawHttp.Answer query = http.get("/test/limited?limit=5%00secret");
        RawHttp.Answer path = http.get("/test/x%00secret/conflict");

        assertThat(paths(assertProblem(query, 400, "VALIDATION_FAILED"))).containsExactly("limit");
        assertThat(query.body()).doesNotContain("secret");
        assertThat(query.requestId()).isPresent();
        assertThat(paths(assertProblem(path, 400, "VALIDATION_FAILED"))).containsExactly("path");
        assertThat(path.body()).doesNotContain("secret");
    }

    @Test
    void answersAMegabyteValueWithASmallProblem() {
        RawHttp.Answer answer = http.send("POST", "/test/echo", "text/plain", "v".repeat(1_000_000));

        Map<String, Object> problem = assertProblem(answer, 409, "CONFLICT");
        assertThat(answer.body().length()).isLessThan(2_000);
        assertThat((String) problem.get("detail")).startsWith("name '%s...'".formatted("v".repeat(ProblemBounds.QUOTED_PREFIX)));
    }

    private static List<Object> paths(Map<String, Object> problem) {
        return ((List<?>) problem.get("errors")).stream().<Object>map(error -> ((Map<?, ?>) error).get("path")).toList();
    }

    @Serdeable
    record CreateProject(@NotBlank @Pattern(regexp = "[a-z][a-z0-9_]*") String name, @NotBlank String ownerEmail) {
    }

    @Requires(property = "spec.name", value = "ProblemRenderingTest")
    @Controller("/test")
    static class TestController {

        @Post("/projects")
        String create(@Body @Valid CreateProject request) {
            return request.name();
        }

        @Get("/limited")
        String limited(@QueryValue @Max(1000) int limit) {
            return Integer.toString(limit);
        }

        @Get("/conflict")
        String conflict() {
            throw new FeatureStoreException(CommonErrorCode.CONFLICT, "project 'p' already exists",
                    List.of(new FieldError("name", "taken: 'p'")));
        }

        @Post(uri = "/echo", consumes = "text/plain")
        String echo(@Body String name) {
            throw new FeatureStoreException(CommonErrorCode.CONFLICT, "name '%s' is taken".formatted(name),
                    List.of(new FieldError("name", "'%s' is taken".formatted(name))));
        }

        @Get("/unavailable")
        String unavailable() {
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "the offline store does not answer",
                    new java.io.IOException("connection refused"));
        }

        @Get("/unavailable-for-a-while")
        String unavailableForAWhile() {
            throw FeatureStoreException.unavailable("the circuit breaker is open", java.time.Duration.ofMillis(2_500), null);
        }

        @Get("/boom")
        String boom() {
            throw new IllegalStateException("secret-detail");
        }

        @Get(value = "/request-id", produces = "text/plain")
        String requestId() {
            return MDC.get(RequestIdFilter.MDC_KEY);
        }
    }
}
