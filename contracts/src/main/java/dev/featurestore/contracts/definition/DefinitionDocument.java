package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Objects;

/**
 * What {@code apply} takes and the registry snapshot returns. Every section is optional; an absent
 * section stays absent in JSON (use the {@code ...OrEmpty()} methods to read).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DefinitionDocument(
        @Nullable List<Entity> entities,
        @JsonProperty("data_sources") @Nullable List<DataSource> dataSources,
        @JsonProperty("feature_views") @Nullable List<FeatureView> featureViews,
        @JsonProperty("on_demand_feature_views") @Nullable List<OnDemandFeatureView> onDemandFeatureViews,
        @JsonProperty("feature_services") @Nullable List<FeatureService> featureServices) {
    public DefinitionDocument {
        entities = Copies.listOrNull(entities);
        dataSources = Copies.listOrNull(dataSources);
        featureViews = Copies.listOrNull(featureViews);
        onDemandFeatureViews = Copies.listOrNull(onDemandFeatureViews);
        featureServices = Copies.listOrNull(featureServices);
    }

    public static DefinitionDocument empty() {
        return new DefinitionDocument(null, null, null, null, null);
    }

    public List<Entity> entitiesOrEmpty() {
        return Objects.requireNonNullElse(entities, List.of());
    }

    public List<DataSource> dataSourcesOrEmpty() {
        return Objects.requireNonNullElse(dataSources, List.of());
    }

    public List<FeatureView> featureViewsOrEmpty() {
        return Objects.requireNonNullElse(featureViews, List.of());
    }

    public List<OnDemandFeatureView> onDemandFeatureViewsOrEmpty() {
        return Objects.requireNonNullElse(onDemandFeatureViews, List.of());
    }

    public List<FeatureService> featureServicesOrEmpty() {
        return Objects.requireNonNullElse(featureServices, List.of());
    }
}
