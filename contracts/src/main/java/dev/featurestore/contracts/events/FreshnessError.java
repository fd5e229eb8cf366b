package dev.featurestore.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * The last failed materialization run of a view, as freshness events report it.
 *
 * @param runId the run
 * @param failedAt when it failed (the time of its {@code materialization.failed})
 * @param errorCode its stable error code, such as {@code SOURCE_UNREADABLE}
 * @param errorMessage what went wrong
 */
@Serdeable
public record FreshnessError(
        @JsonProperty("run_id") String runId,
        @JsonProperty("failed_at") Instant failedAt,
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("error_message") String errorMessage) {
    public FreshnessError {
        requireNonNull(runId, "runId is null");
        requireNonNull(failedAt, "failedAt is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(errorMessage, "errorMessage is null");
    }
}
