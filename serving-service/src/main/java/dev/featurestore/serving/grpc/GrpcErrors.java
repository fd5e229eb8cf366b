package dev.featurestore.serving.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.featurestore.runtime.error.ErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.error.ProblemBounds;
import dev.featurestore.runtime.error.RetryAfter;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure as the gRPC status the caller gets, never {@code UNKNOWN}. A {@link FeatureStoreException} keeps its
 * meaning: 400 {@code INVALID_ARGUMENT}, 401 {@code UNAUTHENTICATED}, 403 {@code PERMISSION_DENIED}, 404
 * {@code NOT_FOUND}, 413 and 429 {@code RESOURCE_EXHAUSTED} (as gRPC answers a message over its size bound), 503
 * {@code UNAVAILABLE}, 504 {@code DEADLINE_EXCEEDED}, anything else {@code INTERNAL}. The description is the problem's
 * detail and its field errors ({@code path: message}); the {@code grpc-status-details-bin} trailer carries a
 * {@code google.rpc.Status} with an {@code ErrorInfo} (reason: the error code, such as {@code VALIDATION_FAILED}) and
 * a {@code BadRequest} listing the field errors, and for 503 a {@code RetryInfo} with the wait HTTP's {@code Retry-After}
 * says. Both are bounded, so they fit the 8 KiB of metadata a client takes
 * by default. Logged as the HTTP error handler logs: internal errors at ERROR, the caller's at DEBUG.
 */
final class GrpcErrors {
    /** The {@code ErrorInfo} domain. */
    static final String DOMAIN = "featurestore.dev";

    private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);
    private static final int MAX_DESCRIPTION_LENGTH = 1000;
    private static final int MAX_FIELD_VIOLATIONS = 10;
    private static final int MAX_FIELD_LENGTH = 100;
    private static final int MAX_VIOLATION_LENGTH = 200;

    private GrpcErrors() {
    }

    /** The status of a failure of {@code method}. */
    static StatusRuntimeException toStatus(String method, Throwable failure) {
        Throwable cause = unwrapped(failure);
        if (cause instanceof FeatureStoreException exception) {
            ErrorCode code = exception.code();
            switch (code.kind()) {
                case INTERNAL -> LOG.error("gRPC {} failed with {}: {}", method, code.name(), exception.getMessage(), exception);
                case USER -> LOG.debug("gRPC {} rejected with {}: {}", method, code.name(), exception.getMessage());
            }
            return status(code(code.httpStatus()), code.name(), exception.getMessage(), exception.errors(),
                    code.httpStatus() == 503 ? exception.retryAfter().orElse(RetryAfter.DEFAULT) : null);
        }
        if (cause instanceof StatusRuntimeException || cause instanceof StatusException) {
            Status status = Status.fromThrowable(cause);
            if (status.getCode() != Status.Code.UNKNOWN) {
                return status.asRuntimeException();
            }
        }
        LOG.error("gRPC {} failed", method, cause);
        return status(Status.Code.INTERNAL, "INTERNAL_ERROR", "Internal error (the service's log has the details)", List.of());
    }

    /** A status of our own with its details. */
    static StatusRuntimeException status(Status.Code code, String reason, String detail, List<FieldError> errors) {
        return status(code, reason, detail, errors, null);
    }

    /** A status of our own with its details; {@code retryAfter}, when known, as a {@code RetryInfo} (HTTP's Retry-After). */
    private static StatusRuntimeException status(Status.Code code, String reason, String detail, List<FieldError> errors, Duration retryAfter) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(description(detail, errors))
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build()));
        if (!errors.isEmpty()) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            errors.stream().limit(MAX_FIELD_VIOLATIONS).forEach(error -> badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                    .setField(ProblemBounds.text(error.path(), MAX_FIELD_LENGTH))
                    .setDescription(ProblemBounds.text(error.message(), MAX_VIOLATION_LENGTH))));
            status.addDetails(Any.pack(badRequest.build()));
        }
        if (retryAfter != null) {
            status.addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
                    .setSeconds(retryAfter.getSeconds()).setNanos(retryAfter.getNano())).build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /** The gRPC code of an HTTP status. */
    static Status.Code code(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> Status.Code.INVALID_ARGUMENT;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            case 413, 429 -> Status.Code.RESOURCE_EXHAUSTED;
            case 503 -> Status.Code.UNAVAILABLE;
            case 504 -> Status.Code.DEADLINE_EXCEEDED;
            default -> Status.Code.INTERNAL;
        };
    }

    /** The detail, then each field error it does not already name, cut to the bound. */
    private static String description(String detail, List<FieldError> errors) {
        StringBuilder description = new StringBuilder(detail);
        String separator = " (";
        for (FieldError error : errors) {
            String named = error.path() + ": " + error.message();
            if (!detail.contains(named)) {
                description.append(separator).append(named);
                separator = "; ";
            }
            if (description.length() > MAX_DESCRIPTION_LENGTH) {
                break;
            }
        }
        if (!separator.equals(" (")) {
            description.append(')');
        }
        return ProblemBounds.text(description.toString(), MAX_DESCRIPTION_LENGTH);
    }

    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
