package dev.featurestore.contracts.validation;

import dev.featurestore.contracts.definition.SourceType;
import io.micronaut.json.tree.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.featurestore.contracts.validation.JsonValues.elements;
import static dev.featurestore.contracts.validation.JsonValues.entries;
import static dev.featurestore.contracts.validation.JsonValues.quote;
import static dev.featurestore.contracts.validation.JsonValues.schemaNames;
import static dev.featurestore.contracts.validation.JsonValues.text;

/**
 * The checks that look beyond one object: duplicate names, references between objects, cycles.
 * They read the tree leniently and skip what is malformed (the shape checks report that).
 */
final class ReferenceChecks {
    private static final String ON_DEMAND_SOURCE_KINDS = "expected a feature view, an on-demand feature view or a request source";

    private final DocumentIndex index;
    private final Map<String, List<String>> cycles;
    private final Problems problems;

    ReferenceChecks(DocumentIndex index, Map<String, List<String>> cycles, Problems problems) {
        this.index = index;
        this.cycles = cycles;
        this.problems = problems;
    }

    void entity(JsonNode entity, String path) {
        uniqueName(entity, path, index.firstEntityPath(text(entity, "name").orElse("")), "");
        uniqueFieldNames(entity, path, "join_keys", "join key");
    }

    void dataSource(JsonNode source, String path) {
        uniqueName(source, path, index.firstSourcePath(text(source, "name").orElse("")), "");
        Optional<SourceType> type = text(source, "type").flatMap(SourceType::parse);
        if (type.isEmpty()) {
            return;
        }
        switch (type.get()) {
            case PUSH, KAFKA -> text(source, "batch_source").ifPresent(batchSource -> batchSource(batchSource, Paths.field(path, "batch_source")));
            case REQUEST -> uniqueFieldNames(source, path, "schema", "field name");
            case PARQUET -> {
            }
        }
    }

    private void batchSource(String name, String path) {
        if (!index.sourceExists(name)) {
            problems.add(path, "unknown data source " + quote(name));
            return;
        }
        index.sourceType(name)
                .filter(type -> type != SourceType.PARQUET)
                .ifPresent(type -> problems.add(path, "%s is a %s source (a batch_source must be a parquet source)".formatted(quote(name), type.wireName())));
    }

    void featureView(JsonNode view, String path) {
        uniqueName(view, path, index.firstViewPath(text(view, "name").orElse("")), "");
        forEachUniqueString(view, path, "entities", "entity", (entity, entityPath) -> {
            if (!index.entityExists(entity)) {
                problems.add(entityPath, "unknown entity " + quote(entity));
            }
        });
        text(view, "source").ifPresent(source -> {
            String sourcePath = Paths.field(path, "source");
            if (!index.sourceExists(source)) {
                problems.add(sourcePath, "unknown data source " + quote(source));
                return;
            }
            index.sourceType(source)
                    .filter(type -> !type.canFeedFeatureView())
                    .ifPresent(type -> problems.add(sourcePath,
                            "%s is a %s source (a feature view's source must be a parquet, push or kafka source)".formatted(quote(source), type.wireName())));
        });
        uniqueFieldNames(view, path, "schema", "field name");
    }

    void onDemandFeatureView(JsonNode view, String path) {
        uniqueName(view, path, index.firstViewPath(text(view, "name").orElse("")),
                "; feature views and on-demand feature views share one namespace");
        forEachUniqueString(view, path, "sources", "source", this::onDemandSource);
        cycles.getOrDefault(Paths.field(path, "sources"), List.of()).forEach(message -> problems.add(Paths.field(path, "sources"), message));
        uniqueFieldNames(view, path, "schema", "field name");
        expressions(view, path);
    }

    private void onDemandSource(String source, String path) {
        if (index.view(source).isPresent()) {
            return;
        }
        if (!index.sourceExists(source)) {
            problems.add(path, "unknown source %s (%s)".formatted(quote(source), ON_DEMAND_SOURCE_KINDS));
            return;
        }
        index.sourceType(source)
                .filter(type -> type != SourceType.REQUEST)
                .ifPresent(type -> problems.add(path, "%s is a %s source (%s)".formatted(quote(source), type.wireName(), ON_DEMAND_SOURCE_KINDS)));
    }

    private void expressions(JsonNode view, String path) {
        JsonNode expressions = view.get("expressions");
        Optional<Set<String>> fields = schemaNames(view);
        if (expressions == null || !expressions.isObject() || fields.isEmpty()) {
            return;
        }
        String expressionsPath = Paths.field(path, "expressions");
        fields.get().stream()
                .filter(field -> expressions.get(field) == null)
                .forEach(field -> problems.add(expressionsPath, "no expression for field " + quote(field)));
        entries(view, "expressions").stream()
                .map(Map.Entry::getKey)
                .filter(name -> !fields.get().contains(name))
                .forEach(name -> problems.add(Paths.field(expressionsPath, name), "expression for %s, which is not a field of the schema".formatted(quote(name))));
    }

    void featureService(JsonNode service, String path) {
        uniqueName(service, path, index.firstServicePath(text(service, "name").orElse("")), "");
        List<JsonNode> items = elements(service, "features");
        for (int i = 0; i < items.size(); i++) {
            featureServiceItem(items.get(i), Paths.index(Paths.field(path, "features"), i));
        }
    }

    private void featureServiceItem(JsonNode item, String path) {
        Optional<String> viewName = text(item, "feature_view");
        if (viewName.isEmpty()) {
            return;
        }
        Optional<DocumentIndex.View> view = index.view(viewName.get());
        if (view.isEmpty()) {
            problems.add(Paths.field(path, "feature_view"), "unknown feature view " + quote(viewName.get()));
            return;
        }
        forEachUniqueString(item, path, "features", "feature", (feature, featurePath) -> view.get().features()
                .filter(features -> !features.contains(feature))
                .ifPresent(features -> problems.add(featurePath, "feature view %s has no feature %s".formatted(quote(viewName.get()), quote(feature)))));
    }

    private void uniqueName(JsonNode object, String path, String firstPath, String note) {
        Optional<String> name = text(object, "name");
        if (name.isPresent() && firstPath != null && !firstPath.equals(path)) {
            problems.add(Paths.field(path, "name"), "duplicate name %s (first at %s%s)".formatted(quote(name.get()), firstPath,
                    Paths.section(firstPath).equals(Paths.section(path)) ? "" : note));
        }
    }

    private void uniqueFieldNames(JsonNode object, String path, String arrayField, String what) {
        String arrayPath = Paths.field(path, arrayField);
        Map<String, String> firstPaths = new HashMap<>();
        List<JsonNode> fields = elements(object, arrayField);
        for (int i = 0; i < fields.size(); i++) {
            String fieldPath = Paths.index(arrayPath, i);
            text(fields.get(i), "name").ifPresent(name -> {
                String firstPath = firstPaths.putIfAbsent(name, fieldPath);
                if (firstPath != null) {
                    problems.add(Paths.field(fieldPath, "name"), "duplicate %s %s (first at %s)".formatted(what, quote(name), firstPath));
                }
            });
        }
    }

    /**
     * Calls {@code check} for each string of an array field, reporting repeated strings instead.
     */
    private void forEachUniqueString(JsonNode object, String path, String arrayField, String what, StringCheck check) {
        String arrayPath = Paths.field(path, arrayField);
        Map<String, String> firstPaths = new HashMap<>();
        List<JsonNode> values = elements(object, arrayField);
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            if (!value.isString()) {
                continue;
            }
            String valuePath = Paths.index(arrayPath, i);
            String firstPath = firstPaths.putIfAbsent(value.getStringValue(), valuePath);
            if (firstPath != null) {
                problems.add(valuePath, "duplicate %s %s (first at %s)".formatted(what, quote(value.getStringValue()), firstPath));
            }
            else {
                check.check(value.getStringValue(), valuePath);
            }
        }
    }

    @FunctionalInterface
    private interface StringCheck {
        void check(String value, String path);
    }
}
