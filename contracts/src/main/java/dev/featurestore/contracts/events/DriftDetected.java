package dev.featurestore.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Data of {@code drift.detected}: the feature statistics of a materialization run differ from a reference run's by a
 * population stability index (PSI) above the threshold, for at least one feature. One event per run, listing every
 * feature and reference above it.
 *
 * @param runId the run whose statistics drifted
 * @param completedAt when that run completed
 * @param threshold the PSI above which a feature counts as drifted
 * @param features the drifted features, by name, then reference
 * @param detectedAt when the drift was computed
 */
@Serdeable
public record DriftDetected(
        String project,
        @JsonProperty("feature_view") String featureView,
        @JsonProperty("run_id") String runId,
        @JsonProperty("completed_at") Instant completedAt,
        double threshold,
        List<FeatureDrift> features,
        @JsonProperty("detected_at") Instant detectedAt) {
    public DriftDetected {
        requireNonNull(project, "project is null");
        requireNonNull(featureView, "featureView is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(completedAt, "completedAt is null");
        requireNonNull(detectedAt, "detectedAt is null");
        features = List.copyOf(requireNonNull(features, "features is null"));
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a drift names at least one feature");
        }
    }

    /**
     * One feature's drift against one reference.
     *
     * @param feature the feature
     * @param reference {@code previous} (the run before) or {@code baseline} (the view's pinned baseline run)
     * @param referenceRunId the reference run
     * @param psi the population stability index of this run's values against the reference's
     */
    @Serdeable
    public record FeatureDrift(
            String feature,
            String reference,
            @JsonProperty("reference_run_id") String referenceRunId,
            double psi) {
        /** The references a run is compared with. */
        public static final List<String> REFERENCES = List.of("previous", "baseline");

        public FeatureDrift {
            requireNonNull(feature, "feature is null");
            requireNonNull(reference, "reference is null");
            requireNonNull(referenceRunId, "referenceRunId is null");
            if (!REFERENCES.contains(reference)) {
                throw new IllegalArgumentException("reference '%s' is not one of %s".formatted(reference, REFERENCES));
            }
        }
    }
}
