package dev.featurestore.contracts.validation;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.SourceType;
import io.micronaut.json.tree.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.featurestore.contracts.validation.JsonValues.elements;
import static dev.featurestore.contracts.validation.JsonValues.schemaNames;
import static dev.featurestore.contracts.validation.JsonValues.text;

/**
 * The names a document defines (read leniently from a tree of any shape), where each is first
 * defined, and what a reference needs to know about it; names the document does not define are
 * looked up in the {@link ExistingObjects}.
 */
final class DocumentIndex {
    private final ExistingObjects existing;
    private final Map<String, String> entityPaths = new HashMap<>();
    private final Map<String, String> sourcePaths = new HashMap<>();
    private final Map<String, SourceType> sourceTypes = new HashMap<>();
    private final Map<String, String> viewPaths = new HashMap<>();
    private final Map<String, View> views = new HashMap<>();
    private final Map<String, String> servicePaths = new HashMap<>();

    private DocumentIndex(ExistingObjects existing) {
        this.existing = existing;
    }

    static DocumentIndex of(JsonNode document, ExistingObjects existing) {
        DocumentIndex index = new DocumentIndex(existing);
        forEach(document, "entities", (object, path) -> index.define(index.entityPaths, object, path));
        forEach(document, "data_sources", (object, path) -> {
            if (index.define(index.sourcePaths, object, path)) {
                text(object, "type").flatMap(SourceType::parse).ifPresent(type -> index.sourceTypes.put(text(object, "name").orElseThrow(), type));
            }
        });
        forEach(document, "feature_views", (object, path) -> {
            if (index.define(index.viewPaths, object, path)) {
                index.views.put(text(object, "name").orElseThrow(), new View(ObjectKind.FEATURE_VIEW, schemaNames(object), List.of()));
            }
        });
        forEach(document, "on_demand_feature_views", (object, path) -> {
            if (index.define(index.viewPaths, object, path)) {
                List<String> sources = elements(object, "sources").stream().filter(JsonNode::isString).map(JsonNode::getStringValue).toList();
                index.views.put(text(object, "name").orElseThrow(), new View(ObjectKind.ON_DEMAND_FEATURE_VIEW, schemaNames(object), sources));
            }
        });
        forEach(document, "feature_services", (object, path) -> index.define(index.servicePaths, object, path));
        return index;
    }

    private static void forEach(JsonNode document, String section, ObjectVisitor visitor) {
        List<JsonNode> objects = elements(document, section);
        for (int i = 0; i < objects.size(); i++) {
            visitor.visit(objects.get(i), Paths.index(section, i));
        }
    }

    /**
     * Records where a name is first defined.
     *
     * @return whether this object is the first definition of its name
     */
    private boolean define(Map<String, String> paths, JsonNode object, String path) {
        Optional<String> name = text(object, "name");
        return name.isPresent() && paths.putIfAbsent(name.get(), path) == null;
    }

    String firstEntityPath(String name) {
        return entityPaths.get(name);
    }

    String firstSourcePath(String name) {
        return sourcePaths.get(name);
    }

    String firstViewPath(String name) {
        return viewPaths.get(name);
    }

    String firstServicePath(String name) {
        return servicePaths.get(name);
    }

    boolean entityExists(String name) {
        return entityPaths.containsKey(name) || existing.entity(name).isPresent();
    }

    boolean sourceExists(String name) {
        return sourcePaths.containsKey(name) || existing.dataSource(name).isPresent();
    }

    /**
     * The type of a source, when it exists and its type is valid.
     */
    Optional<SourceType> sourceType(String name) {
        if (sourcePaths.containsKey(name)) {
            return Optional.ofNullable(sourceTypes.get(name));
        }
        return existing.dataSource(name).map(DataSource::sourceType);
    }

    /**
     * A feature view or on-demand feature view of this name.
     */
    Optional<View> view(String name) {
        if (viewPaths.containsKey(name)) {
            return Optional.of(views.get(name));
        }
        return existing.featureView(name)
                .map(view -> new View(ObjectKind.FEATURE_VIEW, Optional.of(Set.copyOf(view.featureNames())), List.of()))
                .or(() -> existing.onDemandFeatureView(name)
                        .map(view -> new View(ObjectKind.ON_DEMAND_FEATURE_VIEW, Optional.of(Set.copyOf(view.featureNames())), view.sources())));
    }

    /**
     * What a reference needs to know about a view.
     *
     * @param features the names of its features, when its schema could be read
     * @param sources the sources of an on-demand view
     */
    record View(ObjectKind kind, Optional<Set<String>> features, List<String> sources) {
        View {
            features = features.map(Set::copyOf);
            sources = List.copyOf(sources);
        }

        boolean isOnDemand() {
            return kind == ObjectKind.ON_DEMAND_FEATURE_VIEW;
        }
    }

    @FunctionalInterface
    private interface ObjectVisitor {
        void visit(JsonNode object, String path);
    }
}
