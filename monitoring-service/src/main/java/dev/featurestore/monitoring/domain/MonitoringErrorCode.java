package dev.featurestore.monitoring.domain;

import dev.featurestore.runtime.error.ErrorCode;
import dev.featurestore.runtime.error.ErrorKind;

/** Errors of monitoring-service. Titles come from the names ({@link ErrorCode#title()}). */
public enum MonitoringErrorCode implements ErrorCode {
    /** No feature view of that name in the project, as monitoring knows the registry. */
    VIEW_NOT_FOUND(404, ErrorKind.USER),
    /** No webhook with that id. */
    WEBHOOK_NOT_FOUND(404, ErrorKind.USER),
    /** The project already has a webhook of that URL. */
    WEBHOOK_EXISTS(409, ErrorKind.USER),
    /** No statistics for that view, run or feature. */
    STATISTICS_NOT_FOUND(404, ErrorKind.USER);

    private final int httpStatus;
    private final ErrorKind kind;

    MonitoringErrorCode(int httpStatus, ErrorKind kind) {
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
