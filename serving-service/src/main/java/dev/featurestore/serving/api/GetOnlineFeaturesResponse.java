package dev.featurestore.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.serving.domain.FeatureStatus;
import dev.featurestore.serving.domain.OnlineFeaturesResult;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * Feast's feature-server response: the output column names, then one result per column (join keys first, then
 * the features in request order), each with a value, a status and an event timestamp per entity row.
 */
@Serdeable
public record GetOnlineFeaturesResponse(Metadata metadata, List<Result> results) {

    static GetOnlineFeaturesResponse of(OnlineFeaturesResult result) {
        return new GetOnlineFeaturesResponse(new Metadata(result.names()),
                result.columns().stream().map(column -> new Result(column.values(), column.statuses(), column.eventTimestamps())).toList());
    }

    /** @param featureNames the output columns, in order */
    @Serdeable
    public record Metadata(@JsonProperty("feature_names") List<String> featureNames) {
    }

    /**
     * One output column.
     *
     * @param values a value per entity row: numbers, strings, booleans, base64 for bytes, RFC 3339 for timestamps,
     *     arrays for lists, null when absent
     * @param statuses {@code PRESENT}, {@code NULL_VALUE}, {@code NOT_FOUND} or {@code OUTSIDE_MAX_AGE} per row
     * @param eventTimestamps when each value was observed (the epoch for join keys, on-demand features and values
     *     not found)
     */
    @Serdeable
    public record Result(List<Object> values, List<FeatureStatus> statuses, @JsonProperty("event_timestamps") List<Instant> eventTimestamps) {
    }
}
