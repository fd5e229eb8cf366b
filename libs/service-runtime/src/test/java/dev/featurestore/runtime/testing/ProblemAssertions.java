package dev.featurestore.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** Checks that an answer is a problem document of the shape every service promises. */
public final class ProblemAssertions {
    private ProblemAssertions() {
    }

    /** Asserts the status, the problem+json content type and every documented member; returns the body. */
    public static Map<String, Object> assertProblem(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        Map<String, Object> problem = answer.json();
        assertThat(problem).containsOnlyKeys("type", "title", "status", "detail", "code", "errors");
        assertThat(problem.get("status")).isEqualTo(status);
        assertThat(problem.get("code")).isEqualTo(code);
        assertThat((String) problem.get("type")).isEqualTo("urn:featurestore:problem:" + code.toLowerCase().replace('_', '-'));
        assertThat((String) problem.get("title")).isNotBlank();
        assertThat((String) problem.get("detail")).isNotBlank();
        assertThat(problem.get("errors")).isInstanceOf(List.class);
        return problem;
    }
}
