package dev.featurestore.contracts.validation;

import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lenient reads of a JSON tree that may have any shape, and descriptions of values for messages.
 */
final class JsonValues {
    private JsonValues() {
    }

    static Optional<String> text(JsonNode object, String field) {
        JsonNode value = object.isObject() ? object.get(field) : null;
        return value != null && value.isString() ? Optional.of(value.getStringValue()) : Optional.empty();
    }

    /**
     * The elements of an array field, or nothing when the field is absent or not an array.
     */
    static List<JsonNode> elements(JsonNode object, String field) {
        JsonNode value = object.isObject() ? object.get(field) : null;
        List<JsonNode> elements = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.values().forEach(elements::add);
        }
        return elements;
    }

    static List<Map.Entry<String, JsonNode>> entries(JsonNode object, String field) {
        JsonNode value = object.isObject() ? object.get(field) : null;
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        if (value != null && value.isObject()) {
            value.entries().forEach(entries::add);
        }
        return entries;
    }

    /**
     * The names of the fields in a {@code schema} array, when it is one.
     *
     * @return the string names found, or empty when {@code schema} is not an array
     */
    static Optional<Set<String>> schemaNames(JsonNode object) {
        JsonNode schema = object.isObject() ? object.get("schema") : null;
        if (schema == null || !schema.isArray()) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        schema.values().forEach(field -> text(field, "name").ifPresent(names::add));
        return Optional.of(names);
    }

    static String describe(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isString()) {
            return "string " + quote(value.getStringValue());
        }
        if (value.isBoolean()) {
            return "boolean " + value.getBooleanValue();
        }
        if (value.isNumber()) {
            return "number " + value.getNumberValue();
        }
        return value.isArray() ? "an array" : "an object";
    }

    static String expected(String what, JsonNode value) {
        return "expected %s, got %s".formatted(what, describe(value));
    }

    static String quote(String text) {
        return Text.quote(text);
    }
}
