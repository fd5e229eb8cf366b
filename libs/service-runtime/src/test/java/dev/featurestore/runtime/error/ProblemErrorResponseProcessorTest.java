package dev.featurestore.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemErrorResponseProcessorTest {
    private final ProblemErrorResponseProcessor processor = new ProblemErrorResponseProcessor();
    private final ObjectMapper objectMapper = ObjectMapper.getDefault();

    @Test
    void rendersFeatureStoreExceptionWithItsCodeAndFieldErrors() throws IOException {
        var exception = new FeatureStoreException(CommonErrorCode.CONFLICT, "feature view 'driver_hourly' changed",
                List.of(new FieldError("feature_views.driver_hourly.schema.trips.dtype", "INT64 -> FLOAT64")));

        MutableHttpResponse<Problem> response = processor.processResponse(
                ErrorContext.builder(HttpRequest.POST("/v1/projects/p/apply", "")).cause(exception).build(),
                HttpResponse.status(io.micronaut.http.HttpStatus.CONFLICT));

        assertThat(response.getContentType()).contains(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
        assertThat(json(response.body())).isEqualTo(Map.of(
                "type", "urn:featurestore:problem:conflict",
                "title", "Conflict",
                "status", 409,
                "detail", "feature view 'driver_hourly' changed",
                "code", "CONFLICT",
                "errors", List.of(Map.of("path", "feature_views.driver_hourly.schema.trips.dtype", "message", "INT64 -> FLOAT64"))));
    }

    @Test
    void rendersEveryMemberEvenWithoutFieldErrors() throws IOException {
        MutableHttpResponse<Problem> response = processor.processResponse(
                ErrorContext.builder(HttpRequest.GET("/nowhere")).errorMessage("Page Not Found").build(),
                HttpResponse.notFound());

        assertThat(json(response.body())).isEqualTo(Map.of(
                "type", "urn:featurestore:problem:not-found",
                "title", "Not found",
                "status", 404,
                "detail", "Nothing at GET /nowhere",
                "code", "NOT_FOUND",
                "errors", List.of()));
    }

    @Test
    void hidesTheMessageOfAnUnexpectedFailure() {
        var failure = new IllegalStateException("password=hunter2 in jdbc:postgresql://db/x");

        Problem problem = ProblemErrorResponseProcessor.toProblem(
                ErrorContext.builder(HttpRequest.GET("/x")).cause(failure).errorMessage("Internal Server Error: " + failure.getMessage()).build(),
                500);

        assertThat(problem.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(problem.detail()).doesNotContain("hunter2").isEqualTo(ProblemErrorResponseProcessor.INTERNAL_DETAIL);
        assertThat(problem.errors()).isEmpty();
    }

    @Test
    void addsRetryAfterToA503OnlyWhenItHasNone() {
        MutableHttpResponse<Problem> unavailable = processor.processResponse(
                ErrorContext.builder(HttpRequest.GET("/x")).cause(new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "down")).build(),
                HttpResponse.status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE));
        MutableHttpResponse<Problem> known = processor.processResponse(
                ErrorContext.builder(HttpRequest.GET("/x")).cause(FeatureStoreException.unavailable("down", java.time.Duration.ofSeconds(7), null)).build(),
                HttpResponse.status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE));
        MutableHttpResponse<Problem> already = processor.processResponse(
                ErrorContext.builder(HttpRequest.GET("/x")).build(),
                HttpResponse.status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30"));
        MutableHttpResponse<Problem> timeout = processor.processResponse(
                ErrorContext.builder(HttpRequest.GET("/x")).build(), HttpResponse.status(io.micronaut.http.HttpStatus.GATEWAY_TIMEOUT));

        assertThat(unavailable.getHeaders().getAll("Retry-After")).containsExactly("1");
        assertThat(known.getHeaders().getAll("Retry-After")).containsExactly("7");
        assertThat(already.getHeaders().getAll("Retry-After")).containsExactly("30");
        assertThat(timeout.getHeaders().contains("Retry-After")).isFalse();
    }

    @Test
    void roundsRetryAfterUpToWholeSecondsOfAtLeastOne() {
        assertThat(RetryAfter.seconds(java.time.Duration.ZERO)).isEqualTo("1");
        assertThat(RetryAfter.seconds(java.time.Duration.ofMillis(1))).isEqualTo("1");
        assertThat(RetryAfter.seconds(java.time.Duration.ofMillis(4_001))).isEqualTo("5");
        assertThat(RetryAfter.seconds(java.time.Duration.ofSeconds(5))).isEqualTo("5");
    }

    @Test
    void mapsBareStatusesToCommonCodes() {
        assertThat(CommonErrorCode.forStatus(405)).isEqualTo(CommonErrorCode.METHOD_NOT_ALLOWED);
        assertThat(CommonErrorCode.forStatus(415)).isEqualTo(CommonErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(CommonErrorCode.forStatus(400)).isEqualTo(CommonErrorCode.INVALID_REQUEST);
        assertThat(CommonErrorCode.forStatus(418)).isEqualTo(CommonErrorCode.INVALID_REQUEST);
        assertThat(CommonErrorCode.forStatus(502)).isEqualTo(CommonErrorCode.INTERNAL_ERROR);
    }

    @Test
    void derivesTypeSlugAndTitleFromTheCodeName() {
        assertThat(CommonErrorCode.UNSUPPORTED_MEDIA_TYPE.typeSlug()).isEqualTo("unsupported-media-type");
        assertThat(CommonErrorCode.UNSUPPORTED_MEDIA_TYPE.title()).isEqualTo("Unsupported media type");
        assertThat(ProblemTypes.uri(CommonErrorCode.VALIDATION_FAILED)).isEqualTo("urn:featurestore:problem:validation-failed");
    }

    @Test
    void turnsJavaNamesIntoSnakeCase() {
        assertThat(ProblemErrorResponseProcessor.snakeCase("joinKeys")).isEqualTo("join_keys");
        assertThat(ProblemErrorResponseProcessor.snakeCase("ttl")).isEqualTo("ttl");
        assertThat(ProblemErrorResponseProcessor.snakeCase("createdTimestampColumn")).isEqualTo("created_timestamp_column");
    }

    private Map<String, Object> json(Object body) throws IOException {
        String text = objectMapper.writeValueAsString(body);
        return objectMapper.readValue(text, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
    }
}
