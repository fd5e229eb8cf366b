package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A named set of features a model uses, served and retrieved together.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureService(
        String name,
        List<FeatureServiceItem> features,
        @Nullable String description,
        @Nullable String owner,
        @Nullable Map<String, String> tags) {
    public FeatureService {
        requireNonNull(name, "name is null");
        features = List.copyOf(requireNonNull(features, "features is null"));
        tags = Copies.mapOrNull(tags);
    }

    public FeatureService(String name, List<FeatureServiceItem> features) {
        this(name, features, null, null, null);
    }
}
