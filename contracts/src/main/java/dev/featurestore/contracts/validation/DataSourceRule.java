package dev.featurestore.contracts.validation;

import dev.featurestore.contracts.definition.SourceType;
import io.micronaut.json.tree.JsonNode;

import java.util.Optional;

import static dev.featurestore.contracts.validation.JsonValues.expected;
import static dev.featurestore.contracts.validation.JsonValues.text;

/**
 * A data source: the fields allowed and required depend on its {@code type}. With a missing or
 * unknown type only the common fields are checked (the type error is reported).
 */
final class DataSourceRule implements ValueRule {
    static final DataSourceRule INSTANCE = new DataSourceRule();

    private DataSourceRule() {
    }

    @Override
    public void check(JsonNode value, String path, Problems problems) {
        if (!value.isObject()) {
            problems.add(path, expected("an object", value));
            return;
        }
        Optional<SourceType> type = text(value, "type").flatMap(SourceType::parse);
        type.map(DefinitionShapes.SOURCES::get)
                .orElse(DefinitionShapes.COMMON_SOURCE)
                .checkFields(value, path, problems, type.isPresent());
    }
}
