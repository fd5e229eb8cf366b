package dev.featurestore.contracts.validation;

import io.micronaut.json.tree.JsonNode;

/**
 * Checks the shape of one JSON value (its type, allowed values, nested fields).
 */
@FunctionalInterface
interface ValueRule {
    void check(JsonNode value, String path, Problems problems);
}
