package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.FeatureService;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.json.ContractsJson;
import dev.featurestore.contracts.validation.DefinitionDocuments;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves objects between a definition document, its sections and JSON. A single object is written
 * and read as the one element of its section, so it has exactly the form it has in a document
 * (a data source keeps its {@code type}).
 */
public final class DefinitionObjects {
    /** The kinds of a document in dependency order: what an object refers to comes before it. */
    public static final List<ObjectKind> KINDS = List.of(ObjectKind.ENTITY, ObjectKind.DATA_SOURCE, ObjectKind.FEATURE_VIEW,
            ObjectKind.ON_DEMAND_FEATURE_VIEW, ObjectKind.FEATURE_SERVICE);

    private DefinitionObjects() {
    }

    /**
     * The section of a document holding objects of a kind.
     *
     * @param kind the kind
     * @return such as {@code feature_views}
     */
    public static String section(ObjectKind kind) {
        return switch (kind) {
            case ENTITY -> "entities";
            case DATA_SOURCE -> "data_sources";
            case FEATURE_VIEW -> "feature_views";
            case ON_DEMAND_FEATURE_VIEW -> "on_demand_feature_views";
            case FEATURE_SERVICE -> "feature_services";
            case PROJECT -> throw new IllegalArgumentException("a project has no section");
        };
    }

    /**
     * The kind of a section name as used in URLs.
     *
     * @param section such as {@code feature_views}
     * @return the kind, or empty when no section has that name
     */
    public static Optional<ObjectKind> kindOfSection(String section) {
        return KINDS.stream().filter(kind -> section(kind).equals(section)).findFirst();
    }

    /**
     * Every object of a document, by kind in {@link #KINDS} order, then in document order.
     *
     * @param document the document
     * @return its objects
     */
    public static List<DefinitionObject> of(DefinitionDocument document) {
        requireNonNull(document, "document is null");
        List<DefinitionObject> objects = new ArrayList<>();
        document.entitiesOrEmpty().forEach(entity -> objects.add(new DefinitionObject(ObjectKind.ENTITY, entity.name(), entity)));
        document.dataSourcesOrEmpty().forEach(source -> objects.add(new DefinitionObject(ObjectKind.DATA_SOURCE, source.name(), source)));
        document.featureViewsOrEmpty().forEach(view -> objects.add(new DefinitionObject(ObjectKind.FEATURE_VIEW, view.name(), view)));
        document.onDemandFeatureViewsOrEmpty().forEach(view -> objects.add(new DefinitionObject(ObjectKind.ON_DEMAND_FEATURE_VIEW, view.name(), view)));
        document.featureServicesOrEmpty().forEach(service -> objects.add(new DefinitionObject(ObjectKind.FEATURE_SERVICE, service.name(), service)));
        return List.copyOf(objects);
    }

    /**
     * A document of objects; every section is present (empty when it has no object).
     *
     * @param objects the objects, in the order they go into their sections
     * @return the document
     */
    public static DefinitionDocument toDocument(List<DefinitionObject> objects) {
        requireNonNull(objects, "objects is null");
        List<Entity> entities = new ArrayList<>();
        List<DataSource> sources = new ArrayList<>();
        List<FeatureView> views = new ArrayList<>();
        List<OnDemandFeatureView> onDemandViews = new ArrayList<>();
        List<FeatureService> services = new ArrayList<>();
        for (DefinitionObject object : objects) {
            switch (object.kind()) {
                case ENTITY -> entities.add((Entity) object.definition());
                case DATA_SOURCE -> sources.add((DataSource) object.definition());
                case FEATURE_VIEW -> views.add((FeatureView) object.definition());
                case ON_DEMAND_FEATURE_VIEW -> onDemandViews.add((OnDemandFeatureView) object.definition());
                case FEATURE_SERVICE -> services.add((FeatureService) object.definition());
                case PROJECT -> throw new IllegalArgumentException("a project is not an object of a definition document");
            }
        }
        return new DefinitionDocument(entities, sources, views, onDemandViews, services);
    }

    /**
     * The object as a JSON tree, exactly as it appears in a document.
     *
     * @param object the object
     * @return its tree
     */
    public static JsonNode toTree(DefinitionObject object) {
        requireNonNull(object, "object is null");
        return DefinitionDocuments.toTree(toDocument(List.of(object))).get(section(object.kind())).get(0);
    }

    public static String toJson(DefinitionObject object) {
        try {
            return ContractsJson.mapper().writeValueAsString(toTree(object));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an object written by {@link #toJson}.
     *
     * @param kind its kind
     * @param json its JSON
     * @return the object
     */
    public static DefinitionObject fromJson(ObjectKind kind, String json) {
        requireNonNull(kind, "kind is null");
        requireNonNull(json, "json is null");
        try {
            JsonNode tree = ContractsJson.mapper().readValue(json.getBytes(StandardCharsets.UTF_8), Argument.of(JsonNode.class));
            Map<String, JsonNode> document = new LinkedHashMap<>();
            document.put(section(kind), JsonNode.createArrayNode(List.of(tree)));
            DefinitionDocument read = ContractsJson.mapper().readValueFromTree(JsonNode.createObjectNode(document), DefinitionDocument.class);
            return of(read).get(0);
        }
        catch (IOException e) {
            throw new UncheckedIOException("stored %s is not readable: %s".formatted(kind.wireName(), e.getMessage()), e);
        }
    }

    /**
     * A JSON tree as plain Java values: {@code Map} (insertion ordered), {@code List}, {@code String},
     * {@code Number}, {@code Boolean}; JSON null becomes Java null.
     *
     * @param node the tree
     * @return the value
     */
    public static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                Object value = plain(entry.getValue());
                if (value != null) {
                    map.put(entry.getKey(), value);
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode value : node.values()) {
                list.add(plain(value));
            }
            return list;
        }
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        return node.getNumberValue();
    }

    /** The object of that kind and name among a project's current objects; {@code OBJECT_NOT_FOUND} otherwise. */
    public static DefinitionObject require(String project, List<DefinitionObject> current, ObjectKind kind, String name) {
        return current.stream()
                .filter(object -> object.kind() == kind && object.name().equals(name))
                .findFirst()
                .orElseThrow(() -> RegistryErrorCode.objectNotFound(project, kind, name));
    }
}
