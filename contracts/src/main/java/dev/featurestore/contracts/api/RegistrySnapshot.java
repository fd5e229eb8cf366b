package dev.featurestore.contracts.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.FeatureService;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Answer of {@code GET /v1/projects/{project}/registry} (registry-service): every current object
 * of a project, in the sections of a definition document, and the {@code registry_version} they
 * are at. Every section is present, empty when the project has no object of that kind.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RegistrySnapshot(
        String project,
        @JsonProperty("registry_version") long registryVersion,
        List<Entity> entities,
        @JsonProperty("data_sources") List<DataSource> dataSources,
        @JsonProperty("feature_views") List<FeatureView> featureViews,
        @JsonProperty("on_demand_feature_views") List<OnDemandFeatureView> onDemandFeatureViews,
        @JsonProperty("feature_services") List<FeatureService> featureServices) {
    public RegistrySnapshot {
        requireNonNull(project, "project is null");
        entities = List.copyOf(requireNonNull(entities, "entities is null"));
        dataSources = List.copyOf(requireNonNull(dataSources, "dataSources is null"));
        featureViews = List.copyOf(requireNonNull(featureViews, "featureViews is null"));
        onDemandFeatureViews = List.copyOf(requireNonNull(onDemandFeatureViews, "onDemandFeatureViews is null"));
        featureServices = List.copyOf(requireNonNull(featureServices, "featureServices is null"));
    }

    public static RegistrySnapshot of(String project, long registryVersion, DefinitionDocument document) {
        requireNonNull(document, "document is null");
        return new RegistrySnapshot(project, registryVersion, document.entitiesOrEmpty(), document.dataSourcesOrEmpty(),
                document.featureViewsOrEmpty(), document.onDemandFeatureViewsOrEmpty(), document.featureServicesOrEmpty());
    }

    /**
     * The objects as a definition document (what apply takes).
     *
     * @return the document
     */
    public DefinitionDocument document() {
        return new DefinitionDocument(entities, dataSources, featureViews, onDemandFeatureViews, featureServices);
    }
}
