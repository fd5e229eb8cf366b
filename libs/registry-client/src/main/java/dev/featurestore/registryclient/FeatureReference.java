package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

/**
 * A feature named as {@code view:feature}, where the view is a feature view or an on-demand
 * feature view.
 *
 * @param view the view's name
 * @param feature the feature's name in that view
 */
public record FeatureReference(String view, String feature) {
    public static final String SEPARATOR = ":";
    /** Separator of the output names with {@code full_feature_names} ({@code view__feature}). */
    public static final String FULL_NAME_SEPARATOR = "__";

    public FeatureReference {
        requireNonNull(view, "view is null");
        requireNonNull(feature, "feature is null");
    }

    /**
     * Parses {@code view:feature}.
     *
     * @param reference the text of the reference
     * @return the reference
     * @throws RegistryLookupException of reason {@link RegistryLookupException.Reason#INVALID_REFERENCE}
     *         when the text is not {@code view:feature} with two non-empty parts
     */
    public static FeatureReference parse(String reference) {
        requireNonNull(reference, "reference is null");
        int separator = reference.indexOf(SEPARATOR);
        if (separator <= 0 || separator == reference.length() - 1 || reference.indexOf(SEPARATOR, separator + 1) >= 0) {
            throw new RegistryLookupException(RegistryLookupException.Reason.INVALID_REFERENCE, null, reference,
                    "Invalid feature reference '%s': expected 'view:feature'".formatted(reference));
        }
        return new FeatureReference(reference.substring(0, separator), reference.substring(separator + 1));
    }

    /**
     * The output name with {@code full_feature_names}.
     *
     * @return {@code view__feature}
     */
    public String fullName() {
        return view + FULL_NAME_SEPARATOR + feature;
    }

    /**
     * The reference as written.
     *
     * @return {@code view:feature}
     */
    @Override
    public String toString() {
        return view + SEPARATOR + feature;
    }
}
