package dev.featurestore.runtime.error;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The body of every error answer, {@code application/problem+json} (RFC 9457) with our two
 * extension members: {@code code} (an {@link ErrorCode} name) and {@code errors} (field errors,
 * empty when the problem is not about particular fields).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        requireNonNull(type, "type is null");
        requireNonNull(title, "title is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(code, "code is null");
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }

    /** A problem for {@code code}, answered with the code's own status. */
    public static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
        return of(code, code.httpStatus(), detail, errors);
    }

    /** A problem for {@code code} answered with {@code status} (which may differ, e.g. 4xx codes Micronaut raises). */
    public static Problem of(ErrorCode code, int status, String detail, List<FieldError> errors) {
        return new Problem(ProblemTypes.uri(code), code.title(), status, detail, code.name(), errors);
    }
}
