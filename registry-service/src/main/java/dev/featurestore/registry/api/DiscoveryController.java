package dev.featurestore.registry.api;

import static dev.featurestore.runtime.http.QueryParameters.invalid;
import static dev.featurestore.runtime.http.QueryParameters.number;
import static java.util.Objects.requireNonNull;

import dev.featurestore.registry.domain.DefinitionObjects;
import dev.featurestore.registry.domain.Discovery;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.security.ProjectAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Finding features: search across projects and the lineage of an object. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "discovery")
public class DiscoveryController {
    static final int DEFAULT_SEARCH_LIMIT = 50;
    static final int MAX_SEARCH_LIMIT = 500;
    static final int MAX_QUERY_LENGTH = 200;

    private final Discovery discovery;

    private final ProjectAccess access;

    public DiscoveryController(Discovery discovery, ProjectAccess access) {
        this.discovery = requireNonNull(discovery, "discovery is null");
        this.access = requireNonNull(access, "access is null");
    }

    @Get("/search")
    @Operation(summary = "Search features across projects",
            description = "Case-insensitive substring of names, descriptions, owners, tag keys and values, and feature names of current objects. "
                    + "hits: features (every feature of a matching view); objects: matching entities, data sources and feature services. "
                    + "Only projects the caller may read. limit (default 50, at most 500) caps each list; truncated says a list was cut. 400 naming q when it is missing or empty.")
    public SearchResponse search(@Nullable Authentication authentication, @Nullable @QueryValue("q") String q,
                                 @Nullable @QueryValue("limit") String limit) {
        if (q == null || q.isBlank()) {
            throw invalid("q", "is required: the text to search for");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw invalid("q", "must be at most %d characters, got %d".formatted(MAX_QUERY_LENGTH, q.length()));
        }
        int size = limit == null ? DEFAULT_SEARCH_LIMIT : (int) number("limit", limit, 1, MAX_SEARCH_LIMIT);
        String query = q.strip();
        return SearchResponse.of(query, size, discovery.search(query, size, project -> access.allows(authentication, project, Permission.READ)));
    }

    @Get("/projects/{project}/lineage/{kind}/{name}")
    @Operation(summary = "What an object reads from (upstream) and what reads it (downstream), transitively",
            description = "kind is entities, data_sources, feature_views, on_demand_feature_views or feature_services. One entry per edge, "
                    + "by depth. 404 for an unknown project, kind or object.")
    public LineageResponse lineage(@Nullable Authentication authentication, @PathVariable String project, @PathVariable String kind,
                                   @PathVariable String name) {
        access.require(authentication, project, Permission.READ);
        return LineageResponse.of(project, discovery.lineage(project, DefinitionObjects.kindOfSection(kind)
                .orElseThrow(() -> DefinitionController.unknownKind(kind)), name));
    }
}
