package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.FeatureService;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.runtime.error.FeatureStoreException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Finding features: search across projects, and the lineage of one object.
 *
 * <p>Search is a case-insensitive substring match over the current objects of every project. A
 * feature view or on-demand view matches by its name, description, owner or a tag key or value:
 * then every feature of it is a hit; otherwise each of its features matching by name,
 * description or a tag key or value is a hit. Entities, data sources and feature services match
 * by the same fields of their own and are object hits. The store narrows the candidates (in SQL
 * over the stored bodies); the exact match is made here.
 */
@Singleton
public class Discovery {
    private final Projects projects;
    private final Definitions definitions;

    public Discovery(Projects projects, Definitions definitions) {
        this.projects = requireNonNull(projects, "projects is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
    }

    /**
     * Searches the current objects of every project.
     *
     * @param query what to look for (not blank), ignoring case
     * @param limit at most this many feature hits, and this many object hits
     * @return hits by project, then view (feature views before on-demand views, by name), then schema
     *         order; object hits by project, kind and name
     */
    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public SearchResult search(String query, int limit) {
        return search(query, limit, project -> true);
    }

    /**
     * As {@link #search(String, int)}, over the projects {@code readable} accepts only.
     */
    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public SearchResult search(String query, int limit, Predicate<String> readable) {
        requireNonNull(query, "query is null");
        requireNonNull(readable, "readable is null");
        if (query.isBlank()) {
            throw new IllegalArgumentException("query is blank");
        }
        String needle = query.toLowerCase(Locale.ROOT);
        List<FeatureHit> hits = new ArrayList<>();
        List<ObjectHit> objects = new ArrayList<>();
        boolean truncated = false;
        for (ObjectVersion version : definitions.currentInAllProjects(storeFilter(query))) {
            if (hits.size() > limit && objects.size() > limit) {
                break;
            }
            if (readable.test(version.project())) {
                collect(version.project(), version.object(), needle, hits, objects);
            }
        }
        if (hits.size() > limit) {
            hits = hits.subList(0, limit);
            truncated = true;
        }
        if (objects.size() > limit) {
            objects = objects.subList(0, limit);
            truncated = true;
        }
        return new SearchResult(hits, objects, truncated);
    }

    /**
     * What an object reads from and what reads it, transitively.
     *
     * @throws FeatureStoreException {@code PROJECT_NOT_FOUND}, {@code OBJECT_NOT_FOUND}
     */
    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public Lineage.Result lineage(String project, ObjectKind kind, String name) {
        if (!projects.exists(project)) {
            throw RegistryErrorCode.projectNotFound(project);
        }
        List<DefinitionObject> current = definitions.current(project).stream().map(ObjectVersion::object).toList();
        DefinitionObject target = DefinitionObjects.require(project, current, kind, name);
        return Lineage.of(target, current);
    }

    /**
     * The text the store may filter stored bodies by: JSON text escapes quotes, backslashes and
     * control characters, and the database may fold the case of other than ASCII letters
     * differently, so such a query is matched here only, over every object.
     */
    static String storeFilter(String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return null;
            }
        }
        return query;
    }

    private static void collect(String project, DefinitionObject object, String needle, List<FeatureHit> hits, List<ObjectHit> objects) {
        switch (object.kind()) {
            case FEATURE_VIEW -> {
                FeatureView view = (FeatureView) object.definition();
                collectFeatures(project, object, view.schema(), view.description(), view.owner(), view.tags(), needle, hits);
            }
            case ON_DEMAND_FEATURE_VIEW -> {
                OnDemandFeatureView view = (OnDemandFeatureView) object.definition();
                collectFeatures(project, object, view.schema(), view.description(), view.owner(), view.tags(), needle, hits);
            }
            case ENTITY -> {
                Entity entity = (Entity) object.definition();
                collectObject(project, object, entity.description(), entity.owner(), entity.tags(), needle, objects);
            }
            case DATA_SOURCE -> {
                DataSource source = (DataSource) object.definition();
                collectObject(project, object, source.description(), source.owner(), source.tags(), needle, objects);
            }
            case FEATURE_SERVICE -> {
                FeatureService service = (FeatureService) object.definition();
                collectObject(project, object, service.description(), service.owner(), service.tags(), needle, objects);
            }
            case PROJECT -> throw new IllegalArgumentException("a project is not an object of a definition document");
        }
    }

    private static void collectFeatures(String project, DefinitionObject view, List<Field> schema, String description, String owner,
                                        Map<String, String> tags, String needle, List<FeatureHit> hits) {
        boolean viewMatches = matches(view.name(), description, owner, tags, needle);
        for (Field field : schema) {
            if (viewMatches || matches(field.name(), field.description(), null, field.tags(), needle)) {
                Map<String, String> merged = new LinkedHashMap<>(tags == null ? Map.of() : tags);
                if (field.tags() != null) {
                    merged.putAll(field.tags());
                }
                hits.add(new FeatureHit(project, view.kind(), view.name(), field.name(), field.dtype().name(),
                        field.description() != null ? field.description() : description, owner, merged));
            }
        }
    }

    private static void collectObject(String project, DefinitionObject object, String description, String owner, Map<String, String> tags,
                                      String needle, List<ObjectHit> objects) {
        if (matches(object.name(), description, owner, tags, needle)) {
            objects.add(new ObjectHit(project, object.kind(), object.name(), description, owner, tags == null ? Map.of() : tags));
        }
    }

    private static boolean matches(String name, String description, String owner, Map<String, String> tags, String needle) {
        if (contains(name, needle) || contains(description, needle) || contains(owner, needle)) {
            return true;
        }
        return tags != null && tags.entrySet().stream().anyMatch(tag -> contains(tag.getKey(), needle) || contains(tag.getValue(), needle));
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Tags by key, so that answers are stable. */
    private static Map<String, String> sorted(Map<String, String> tags) {
        return Collections.unmodifiableMap(new TreeMap<>(requireNonNull(tags, "tags is null")));
    }

    /**
     * A feature that matched.
     *
     * @param viewKind {@code feature_view} or {@code on_demand_feature_view}
     * @param dtype its type name, such as {@code FLOAT64}
     * @param description the feature's, else its view's (null when neither has one)
     * @param owner its view's
     * @param tags its view's tags, overlaid by its own
     */
    public record FeatureHit(String project, ObjectKind viewKind, String view, String feature, String dtype, String description,
                             String owner, Map<String, String> tags) {
        public FeatureHit {
            requireNonNull(project, "project is null");
            requireNonNull(viewKind, "viewKind is null");
            requireNonNull(view, "view is null");
            requireNonNull(feature, "feature is null");
            requireNonNull(dtype, "dtype is null");
            tags = sorted(tags);
        }
    }

    /** An entity, data source or feature service that matched. */
    public record ObjectHit(String project, ObjectKind kind, String name, String description, String owner, Map<String, String> tags) {
        public ObjectHit {
            requireNonNull(project, "project is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(name, "name is null");
            tags = sorted(tags);
        }
    }

    /**
     * @param truncated whether there were more feature hits or object hits than the limit
     */
    public record SearchResult(List<FeatureHit> hits, List<ObjectHit> objects, boolean truncated) {
        public SearchResult {
            hits = List.copyOf(requireNonNull(hits, "hits is null"));
            objects = List.copyOf(requireNonNull(objects, "objects is null"));
        }
    }
}
