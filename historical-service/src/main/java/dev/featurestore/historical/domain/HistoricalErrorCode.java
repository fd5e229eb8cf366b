package dev.featurestore.historical.domain;

import dev.featurestore.runtime.error.ErrorCode;
import dev.featurestore.runtime.error.ErrorKind;

/** Errors of historical-service. */
public enum HistoricalErrorCode implements ErrorCode {
    /** The request names something the registry does not have, or entity rows that do not fit the features. */
    INVALID_REQUEST(400, "Invalid request"),
    /** The entity source or a feature source cannot be read. */
    SOURCE_UNREADABLE(400, "Source unreadable"),
    /** A source file's column does not have the type the feature view declares (a job failure). */
    SOURCE_SCHEMA_MISMATCH(400, "Source schema mismatch"),
    /** The output prefix already holds objects. */
    OUTPUT_EXISTS(409, "Output exists"),
    JOB_NOT_FOUND(404, "Job not found"),
    /** The job has finished: it cannot be cancelled. */
    JOB_FINISHED(409, "Job finished"),
    /** More inline entity rows than allowed. */
    TOO_MANY_ROWS(413, "Too many entity rows");

    private final int httpStatus;
    private final String title;

    HistoricalErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.USER;
    }

    @Override
    public String title() {
        return title;
    }
}
