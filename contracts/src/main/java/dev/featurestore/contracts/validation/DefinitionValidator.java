package dev.featurestore.contracts.validation;

import io.micronaut.json.tree.JsonNode;

import java.util.List;
import java.util.function.BiConsumer;

import static dev.featurestore.contracts.validation.JsonValues.expected;

/**
 * Validates a whole definition document given as a JSON tree of any shape, so that every problem
 * is reported at once and none surfaces later as a binding exception. Objects are checked in
 * document order, each first for its shape, then for its references.
 */
final class DefinitionValidator {
    private static final ObjectRule SECTIONS = ObjectRule.builder("")
            .optional("entities", ValueRules.ANY)
            .optional("data_sources", ValueRules.ANY)
            .optional("feature_views", ValueRules.ANY)
            .optional("on_demand_feature_views", ValueRules.ANY)
            .optional("feature_services", ValueRules.ANY)
            .build();

    private DefinitionValidator() {
    }

    static List<ValidationError> validate(JsonNode document, ExistingObjects existing) {
        return validate(document, existing, true);
    }

    /**
     * @param checksBounds whether the bounds of {@link Limits} apply (false for definitions stored before them)
     */
    static List<ValidationError> validate(JsonNode document, ExistingObjects existing, boolean checksBounds) {
        Problems problems = new Problems(checksBounds);
        if (!document.isObject()) {
            problems.add(Paths.DOCUMENT, expected("an object", document));
            return problems.errors();
        }
        DocumentIndex index = DocumentIndex.of(document, existing);
        ReferenceChecks references = new ReferenceChecks(index, Cycles.find(document, index), problems);
        SECTIONS.checkFields(document, "", problems, true);
        section(document, "entities", DefinitionShapes.ENTITY, references::entity, problems);
        section(document, "data_sources", DataSourceRule.INSTANCE, references::dataSource, problems);
        section(document, "feature_views", DefinitionShapes.FEATURE_VIEW, references::featureView, problems);
        section(document, "on_demand_feature_views", DefinitionShapes.ON_DEMAND_FEATURE_VIEW, references::onDemandFeatureView, problems);
        section(document, "feature_services", DefinitionShapes.FEATURE_SERVICE, references::featureService, problems);
        return problems.errors();
    }

    private static void section(JsonNode document, String name, ValueRule shape, BiConsumer<JsonNode, String> references, Problems problems) {
        JsonNode objects = document.get(name);
        if (objects == null) {
            return;
        }
        if (!objects.isArray()) {
            problems.add(name, expected("an array", objects));
            return;
        }
        if (problems.checksBounds() && objects.size() > Limits.MAX_OBJECTS_PER_SECTION) {
            problems.add(name, "has %d objects, at most %d".formatted(objects.size(), Limits.MAX_OBJECTS_PER_SECTION));
            return;
        }
        int i = 0;
        for (JsonNode object : objects.values()) {
            String path = Paths.index(name, i);
            shape.check(object, path, problems);
            if (object.isObject()) {
                references.accept(object, path);
            }
            i++;
        }
    }
}
