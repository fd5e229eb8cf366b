package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;

/**
 * One requested feature: its reference, the view holding it and its field (name and dtype).
 *
 * @param reference the reference, {@code view:feature}
 * @param view the feature view or on-demand view
 * @param field the feature
 */
public record ResolvedFeature(FeatureReference reference, ResolvedView view, Field field) {
    public ResolvedFeature {
        requireNonNull(reference, "reference is null");
        requireNonNull(view, "view is null");
        requireNonNull(field, "field is null");
    }
}
