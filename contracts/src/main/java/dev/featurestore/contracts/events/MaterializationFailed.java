package dev.featurestore.contracts.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Data of {@code materialization.failed}: a run of a feature view ended without materializing its window; the
 * view's watermark did not move. Online values it wrote before failing stay (they are newer-wins, so never older
 * than what was there).
 *
 * @param project the view's project
 * @param featureView the view
 * @param runId the run
 * @param trigger what started the run: {@code manual}, {@code schedule}, {@code registry_change}, {@code data_landed}
 * @param startTimestamp the window's start, null when the run failed before working it out
 * @param endTimestamp the window's end
 * @param errorCode a stable code, such as {@code SOURCE_UNREADABLE}
 * @param errorMessage what went wrong, naming the file, column or view at fault
 * @param rowsRead offline rows read before the failure
 * @param durationMs how long the run took
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MaterializationFailed(
        String project,
        @JsonProperty("feature_view") String featureView,
        @JsonProperty("run_id") String runId,
        String trigger,
        @JsonProperty("start_ts") @Nullable Instant startTimestamp,
        @JsonProperty("end_ts") Instant endTimestamp,
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("error_message") String errorMessage,
        @JsonProperty("rows_read") long rowsRead,
        @JsonProperty("duration_ms") long durationMs) {
    public MaterializationFailed {
        requireNonNull(project, "project is null");
        requireNonNull(featureView, "featureView is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(endTimestamp, "endTimestamp is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(errorMessage, "errorMessage is null");
    }
}
