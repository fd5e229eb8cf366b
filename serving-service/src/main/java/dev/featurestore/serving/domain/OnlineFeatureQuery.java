package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request for online features, its values still as JSON gave them.
 *
 * @param project the project
 * @param features {@code view:feature} references (empty when a feature service is named)
 * @param featureService the feature service, when named
 * @param entities columns of entity rows: join keys, and request data for on-demand views (Feast's HTTP form)
 * @param requestContext request data for on-demand views, as columns
 * @param fullFeatureNames answer feature columns as {@code view__feature}
 * @param mayReadPii whether the caller may read features tagged {@code pii} (else asking for one is refused with 403)
 */
public record OnlineFeatureQuery(String project, List<String> features, Optional<String> featureService, Map<String, List<Object>> entities,
        Map<String, List<Object>> requestContext, boolean fullFeatureNames, boolean mayReadPii) {
    public OnlineFeatureQuery {
        requireNonNull(project, "project is null");
        features = features == null ? List.of() : List.copyOf(features);
        requireNonNull(featureService, "featureService is null");
        entities = entities == null ? Map.of() : new LinkedHashMap<>(entities);
        requestContext = requestContext == null ? Map.of() : new LinkedHashMap<>(requestContext);
    }
}
