package dev.featurestore.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /get-online-features}, Feast's feature-server request.
 *
 * @param features {@code view:feature} references (or name a feature service)
 * @param featureService a feature service (or list the features)
 * @param entities columns of entity rows: the join keys, and request data for on-demand views
 * @param fullFeatureNames answer feature columns as {@code view__feature}
 * @param requestContext request data for on-demand views, as columns (or give them in {@code entities})
 */
@Serdeable
public record GetOnlineFeaturesRequest(
        @Nullable List<String> features,
        @JsonProperty("feature_service") @Nullable String featureService,
        @Nullable Map<String, List<Object>> entities,
        @JsonProperty("full_feature_names") @Nullable Boolean fullFeatureNames,
        @JsonProperty("request_context") @Nullable Map<String, List<Object>> requestContext) {
}
