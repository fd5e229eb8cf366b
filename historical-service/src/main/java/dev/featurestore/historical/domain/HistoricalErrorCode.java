package dev.featurestore.historical.domain;

import dev.featurestore.runtime.error.ErrorCode;
import dev.featurestore.runtime.error.ErrorKind;

/**
 * Errors of historical-service (a request naming something unknown is {@code CommonErrorCode.INVALID_REQUEST}).
 * Titles come from the names ({@link ErrorCode#title()}).
 */
public enum HistoricalErrorCode implements ErrorCode {
    /** The entity source or a feature source cannot be read. */
    SOURCE_UNREADABLE(400),
    /** A source file's column is missing or does not have the type the feature view declares. */
    SOURCE_SCHEMA_MISMATCH(400),
    /** The output prefix already holds objects. */
    OUTPUT_EXISTS(409),
    JOB_NOT_FOUND(404),
    /** The job has finished: it cannot be cancelled. */
    JOB_FINISHED(409),
    /** More inline entity rows than allowed. */
    TOO_MANY_ROWS(413);

    private final int httpStatus;

    HistoricalErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.USER;
    }
}
