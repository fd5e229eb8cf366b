package dev.featurestore.runtime.error;

/** Errors every service can answer with, including those Micronaut itself raises. */
public enum CommonErrorCode implements ErrorCode {
    INVALID_REQUEST(400, ErrorKind.USER),
    MALFORMED_BODY(400, ErrorKind.USER),
    VALIDATION_FAILED(400, ErrorKind.USER),
    UNAUTHORIZED(401, ErrorKind.USER),
    FORBIDDEN(403, ErrorKind.USER),
    NOT_FOUND(404, ErrorKind.USER),
    METHOD_NOT_ALLOWED(405, ErrorKind.USER),
    NOT_ACCEPTABLE(406, ErrorKind.USER),
    CONFLICT(409, ErrorKind.USER),
    PAYLOAD_TOO_LARGE(413, ErrorKind.USER),
    UNSUPPORTED_MEDIA_TYPE(415, ErrorKind.USER),
    TOO_MANY_REQUESTS(429, ErrorKind.USER),
    INTERNAL_ERROR(500, ErrorKind.INTERNAL),
    SERVICE_UNAVAILABLE(503, ErrorKind.INTERNAL),
    DEPENDENCY_TIMEOUT(504, ErrorKind.INTERNAL);

    private final int httpStatus;
    private final ErrorKind kind;

    CommonErrorCode(int httpStatus, ErrorKind kind) {
        this.httpStatus = httpStatus;
        this.kind = kind;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    /**
     * The code for a bare HTTP status (an error Micronaut raised, or a controller's status-only
     * response): the code with that status, else {@link #INVALID_REQUEST} for 4xx and
     * {@link #INTERNAL_ERROR} for anything else.
     */
    public static CommonErrorCode forStatus(int status) {
        for (CommonErrorCode code : values()) {
            if (code.httpStatus == status && code != MALFORMED_BODY && code != VALIDATION_FAILED) {
                return code;
            }
        }
        return status >= 400 && status < 500 ? INVALID_REQUEST : INTERNAL_ERROR;
    }
}
