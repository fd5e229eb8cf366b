package dev.featurestore.historical.domain;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a training set holds: the features (a list of {@code view:feature} or a feature service) and how the
 * columns are named.
 *
 * @param project the project
 * @param features the feature references, when no feature service is named
 * @param featureService the feature service, when no features are listed
 * @param timestampColumn the entity rows' event timestamp column
 * @param fullFeatureNames name feature columns {@code view__feature}
 */
public record TrainingSetQuery(String project, List<String> features, Optional<String> featureService, String timestampColumn, boolean fullFeatureNames) {
    public TrainingSetQuery {
        requireNonNull(project, "project is null");
        features = List.copyOf(requireNonNull(features, "features is null"));
        requireNonNull(featureService, "featureService is null");
        requireNonNull(timestampColumn, "timestampColumn is null");
    }
}
