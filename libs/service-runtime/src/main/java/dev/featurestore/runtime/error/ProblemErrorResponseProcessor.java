package dev.featurestore.runtime.error;

import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place every error answer of a service is rendered: our {@link FeatureStoreException}s
 * (through {@link FeatureStoreExceptionHandler}) and Micronaut's own (unknown route, method not
 * allowed, unsupported media type, unreadable body, bean-validation violations, unexpected
 * exceptions) all become {@code application/problem+json} {@link Problem}s. A 5xx that is not ours
 * never shows its exception message (Micronaut has logged it at ERROR with its cause); a 503 carries
 * {@code Retry-After} ({@link RetryAfter}). Every problem is
 * bounded by {@link ProblemBounds}: quoted values cut to a short prefix, detail and messages to a few
 * hundred characters.
 */
@Singleton
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    static final String INTERNAL_DETAIL = "The service failed to handle the request; the failure has been logged.";

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext errorContext, MutableHttpResponse<?> baseResponse) {
        MutableHttpResponse<Problem> response = (MutableHttpResponse<Problem>) baseResponse;
        RetryAfter.onUnavailable(response, errorContext.getRootCause().orElse(null));
        if (errorContext.getRequest().getMethod() == HttpMethod.HEAD) {
            return response;
        }
        return response
                .body(toProblem(errorContext, baseResponse.code()))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
    }

    /** The problem for an error answered with {@code status}, bounded by {@link ProblemBounds} (no answer echoes a large input). */
    public static Problem toProblem(ErrorContext errorContext, int status) {
        return ProblemBounds.bound(unboundedProblem(errorContext, status));
    }

    private static Problem unboundedProblem(ErrorContext errorContext, int status) {
        Throwable cause = errorContext.getRootCause().orElse(null);
        if (cause instanceof FeatureStoreException exception) {
            return Problem.of(exception.code(), status, exception.getMessage(), exception.errors());
        }
        Optional<ConstraintViolationException> violations = find(cause, ConstraintViolationException.class)
                .filter(exception -> exception.getConstraintViolations() != null && !exception.getConstraintViolations().isEmpty());
        if (violations.isPresent()) {
            return validationProblem(violations.get(), status);
        }
        CommonErrorCode code = CommonErrorCode.forStatus(status);
        if (status >= 500) {
            return Problem.of(code, status, INTERNAL_DETAIL, List.of());
        }
        if (status == 400 && isUnreadableBody(cause)) {
            return Problem.of(CommonErrorCode.MALFORMED_BODY, status, unreadableBodyDetail(cause), List.of());
        }
        List<FieldError> fieldErrors = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (Error error : errorContext.getErrors()) {
            Optional<String> path = error.getPath().map(ProblemErrorResponseProcessor::stripLeadingSlash).filter(p -> !p.isEmpty());
            path.ifPresent(p -> fieldErrors.add(new FieldError(p, error.getMessage())));
            messages.add(error.getMessage());
        }
        return Problem.of(code, status, detail(errorContext.getRequest(), code, messages), fieldErrors);
    }

    private static Problem validationProblem(ConstraintViolationException exception, int status) {
        List<FieldError> errors = exception.getConstraintViolations().stream()
                .map(violation -> new FieldError(path(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::path).thenComparing(FieldError::message))
                .toList();
        String detail = errors.size() == 1
                ? "Invalid request: %s %s".formatted(errors.get(0).path(), errors.get(0).message())
                : "Invalid request: %d invalid fields".formatted(errors.size());
        return Problem.of(CommonErrorCode.VALIDATION_FAILED, status, detail, errors);
    }

    private static String detail(HttpRequest<?> request, CommonErrorCode code, List<String> messages) {
        if (code == CommonErrorCode.NOT_FOUND && (messages.isEmpty() || messages.contains("Page Not Found"))) {
            return "Nothing at %s %s".formatted(request.getMethodName(), request.getPath());
        }
        if (messages.isEmpty()) {
            return code.title();
        }
        return String.join("; ", messages);
    }

    /**
     * The path of a violated constraint as the client wrote it: method nodes dropped, the parameter
     * dropped when it is a bound body (more nodes follow), Java names turned into snake_case, e.g.
     * {@code create.request.joinKeys[0].name} becomes {@code join_keys[0].name}.
     */
    static String path(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() != ElementKind.METHOD && node.getKind() != ElementKind.CONSTRUCTOR) {
                nodes.add(node);
            }
        }
        if (nodes.size() > 1 && nodes.get(0).getKind() == ElementKind.PARAMETER) {
            nodes.remove(0);
        }
        StringBuilder path = new StringBuilder();
        for (Path.Node node : nodes) {
            if (node.isInIterable()) {
                Object key = node.getKey() != null ? node.getKey() : node.getIndex();
                path.append('[').append(key == null ? "" : key).append(']');
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(snakeCase(node.getName()));
            }
        }
        return path.isEmpty() ? "request" : path.toString();
    }

    static String snakeCase(String name) {
        return CAMEL_HUMP.matcher(name).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    private static boolean isUnreadableBody(Throwable cause) {
        return find(cause, JsonSyntaxException.class).isPresent()
                || find(cause, ConversionErrorException.class)
                        .map(exception -> exception.getArgument().getAnnotationMetadata().hasStereotype("io.micronaut.http.annotation.Body")
                                || "body".equals(exception.getArgument().getName()))
                        .orElse(false)
                || rootMessageLooksLikeJson(cause);
    }

    private static boolean rootMessageLooksLikeJson(Throwable cause) {
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (current.getClass().getName().startsWith("com.fasterxml.jackson.core.")) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    private static String unreadableBodyDetail(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = Optional.ofNullable(root.getMessage()).orElse("unreadable");
        // Jackson appends the source location on a new line; the first line says what is wrong.
        return "The request body is not valid JSON for this endpoint: %s".formatted(message.lines().findFirst().orElse(message).strip());
    }

    private static String stripLeadingSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static <T extends Throwable> Optional<T> find(Throwable cause, Class<T> type) {
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return Optional.empty();
    }
}
