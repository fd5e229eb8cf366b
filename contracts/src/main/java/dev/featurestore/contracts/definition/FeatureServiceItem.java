package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Features of one view in a feature service; without {@code features}, every feature of the view.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureServiceItem(@JsonProperty("feature_view") String featureView, @Nullable List<String> features) {
    public FeatureServiceItem {
        requireNonNull(featureView, "featureView is null");
        features = Copies.listOrNull(features);
    }

    public static FeatureServiceItem allFeaturesOf(String featureView) {
        return new FeatureServiceItem(featureView, null);
    }
}
