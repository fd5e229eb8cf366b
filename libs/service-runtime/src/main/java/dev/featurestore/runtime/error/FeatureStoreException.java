package dev.featurestore.runtime.error;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What domain code throws. The message becomes the problem's {@code detail}, so it must say what
 * is wrong in the caller's terms (quote the bad value, name the object) and must not carry secrets.
 * Field errors, when given, become the problem's {@code errors[]}. A 503 answer carries {@code Retry-After}: the
 * exception's {@link #retryAfter()} when it knows how long the outage lasts, else {@link RetryAfter#DEFAULT}.
 */
public class FeatureStoreException extends RuntimeException {
    private final ErrorCode code;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public FeatureStoreException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public FeatureStoreException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), cause);
    }

    public FeatureStoreException(ErrorCode code, String message, List<FieldError> errors) {
        this(code, message, errors, null);
    }

    public FeatureStoreException(ErrorCode code, String message, List<FieldError> errors, Throwable cause) {
        this(code, message, errors, cause, null);
    }

    private FeatureStoreException(ErrorCode code, String message, List<FieldError> errors, Throwable cause, Duration retryAfter) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.errors = List.copyOf(requireNonNull(errors, "errors is null"));
        this.retryAfter = retryAfter;
    }

    /**
     * A 503 {@link CommonErrorCode#SERVICE_UNAVAILABLE} whose answer tells the caller when to try again
     * ({@code Retry-After}, whole seconds, rounded up).
     */
    public static FeatureStoreException unavailable(String message, Duration retryAfter, Throwable cause) {
        requireNonNull(retryAfter, "retryAfter is null");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter is negative: " + retryAfter);
        }
        return new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, message, List.of(), cause, retryAfter);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** How long the caller should wait before trying again, when this exception knows. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
