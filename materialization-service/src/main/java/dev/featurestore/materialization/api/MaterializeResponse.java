package dev.featurestore.materialization.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The 202 answer of a materialize request: one queued run per view. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MaterializeResponse(List<QueuedRun> runs) {

    @Serdeable
    public record QueuedRun(@JsonProperty("run_id") String runId, @JsonProperty("feature_view") String featureView, String state) {
    }
}
