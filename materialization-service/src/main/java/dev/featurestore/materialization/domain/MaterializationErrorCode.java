package dev.featurestore.materialization.domain;

import dev.featurestore.runtime.error.ErrorCode;
import dev.featurestore.runtime.error.ErrorKind;

/**
 * Errors of materialization-service, in answers and in failed runs ({@code error_code}). Titles come from the names
 * ({@link ErrorCode#title()}).
 */
public enum MaterializationErrorCode implements ErrorCode {
    /** No run with that id (or it was deleted after the retention). */
    RUN_NOT_FOUND(404, ErrorKind.USER),
    /** The view is not served online ({@code online: false}): there is nothing to materialize into. */
    VIEW_NOT_ONLINE(400, ErrorKind.USER),
    /** The view or its project no longer exists in the registry. */
    VIEW_NOT_FOUND(404, ErrorKind.USER),
    /** An object of the view's offline source cannot be read (missing, not Parquet, corrupt). */
    SOURCE_UNREADABLE(400, ErrorKind.USER),
    /** A column the view needs is missing from a source object, or has a type that cannot feed it. */
    SOURCE_SCHEMA_MISMATCH(400, ErrorKind.USER),
    /** The registry could not be reached to resolve the view. */
    REGISTRY_UNAVAILABLE(503, ErrorKind.INTERNAL),
    /** The online store did not take the writes. */
    ONLINE_STORE_FAILED(503, ErrorKind.INTERNAL),
    /** The run's instance stopped during every one of its allowed attempts. */
    RUN_ABANDONED(500, ErrorKind.INTERNAL);

    private final int httpStatus;
    private final ErrorKind kind;

    MaterializationErrorCode(int httpStatus, ErrorKind kind) {
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
}
