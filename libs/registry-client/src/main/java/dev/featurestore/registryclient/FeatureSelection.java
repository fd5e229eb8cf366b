package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a request asks for: feature references ({@code view:feature}) or a feature service, exactly one of them.
 *
 * @param features the references, empty when a service is named
 * @param featureService the service, when named
 */
public record FeatureSelection(List<String> features, Optional<String> featureService) {
    /**
     * @throws Invalid naming the request field to fix when both or neither are given
     */
    public FeatureSelection {
        features = features == null ? List.of() : List.copyOf(features);
        requireNonNull(featureService, "featureService is null");
        if (features.isEmpty() == featureService.isEmpty()) {
            throw features.isEmpty()
                    ? new Invalid("features", "give the features (view:feature) or a feature_service")
                    : new Invalid("feature_service", "give either features or feature_service, not both");
        }
    }

    /** The request field the selection came from: {@code features} or {@code feature_service}. */
    public String field() {
        return featureService.isPresent() ? "feature_service" : "features";
    }

    /** Resolves the selection against one registry snapshot. */
    public ResolvedFeatures resolve(ProjectRegistry registry) {
        return featureService.isPresent() ? registry.featureService(featureService.get()) : registry.resolveFeatures(features);
    }

    /** Resolves the selection through the client (with its miss rule). */
    public ResolvedFeatures resolve(RegistryClient client, String project) {
        return featureService.isPresent() ? client.featureService(project, featureService.get()) : client.resolveFeatures(project, features);
    }

    /** Both or neither of features and feature_service were given. */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The request field to name. */
        public String field() {
            return field;
        }
    }
}
