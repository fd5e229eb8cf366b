package dev.featurestore.runtime.error;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What domain code throws. The message becomes the problem's {@code detail}, so it must say what
 * is wrong in the caller's terms (quote the bad value, name the object) and must not carry secrets.
 * Field errors, when given, become the problem's {@code errors[]}.
 */
public class FeatureStoreException extends RuntimeException {
    private final ErrorCode code;
    private final List<FieldError> errors;

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
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
