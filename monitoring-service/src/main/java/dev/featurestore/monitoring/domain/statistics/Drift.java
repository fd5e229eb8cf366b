package dev.featurestore.monitoring.domain.statistics;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * A run's drift: the population stability index of each feature against the previous run and against the view's
 * baseline (absent when there was no such run, or the run is the baseline itself).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Drift(@Nullable Comparison previous, @Nullable Comparison baseline) {
    public static final Drift NONE = new Drift(null, null);

    /**
     * @param runId the reference run
     * @param features the PSI of each feature that has one (numbers and strings with values on both sides)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Comparison(@JsonProperty("run_id") String runId, @Nullable Map<String, Double> features) {
        public Comparison {
            requireNonNull(runId, "runId is null");
            features = features == null ? Map.of() : Map.copyOf(features);
        }
    }
}
