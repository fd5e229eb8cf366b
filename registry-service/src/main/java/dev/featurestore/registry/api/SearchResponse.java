package dev.featurestore.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.registry.domain.Discovery;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code GET /v1/search}: feature-level hits, and the entities, data sources and feature
 * services that matched.
 *
 * @param truncated whether {@code hits} or {@code objects} had more than {@code limit} entries
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SearchResponse(String q, int limit, List<FeatureHitResponse> hits, List<ObjectHitResponse> objects, boolean truncated) {

    static SearchResponse of(String q, int limit, Discovery.SearchResult result) {
        return new SearchResponse(q, limit,
                result.hits().stream().map(hit -> new FeatureHitResponse(hit.project(), hit.view(), hit.viewKind(), hit.feature(), hit.dtype(),
                        hit.description(), hit.owner(), hit.tags())).toList(),
                result.objects().stream().map(hit -> new ObjectHitResponse(hit.project(), hit.kind(), hit.name(), hit.description(),
                        hit.owner(), hit.tags())).toList(),
                result.truncated());
    }

    /** A feature that matched; {@code view_kind} is {@code feature_view} or {@code on_demand_feature_view}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FeatureHitResponse(String project, String view, @JsonProperty("view_kind") ObjectKind viewKind, String feature,
                                     String dtype, String description, String owner, Map<String, String> tags) {
    }

    /** An entity, data source or feature service that matched. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ObjectHitResponse(String project, ObjectKind kind, String name, String description, String owner, Map<String, String> tags) {
    }
}
