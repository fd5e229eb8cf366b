package dev.featurestore.contracts.validation;

import dev.featurestore.contracts.definition.KafkaSource;
import dev.featurestore.contracts.definition.SourceType;

import java.util.Map;

import static dev.featurestore.contracts.validation.ValueRules.BOOLEAN;
import static dev.featurestore.contracts.validation.ValueRules.NAME;
import static dev.featurestore.contracts.validation.ValueRules.NON_BLANK_STRING;
import static dev.featurestore.contracts.validation.ValueRules.NON_NEGATIVE_DURATION;
import static dev.featurestore.contracts.validation.ValueRules.POSITIVE_DURATION;
import static dev.featurestore.contracts.validation.ValueRules.STRING;
import static dev.featurestore.contracts.validation.ValueRules.STRING_MAP;
import static dev.featurestore.contracts.validation.ValueRules.VALUE_TYPE;
import static dev.featurestore.contracts.validation.ValueRules.arrayOf;
import static dev.featurestore.contracts.validation.ValueRules.mapOf;
import static dev.featurestore.contracts.validation.ValueRules.oneOf;

/**
 * The shape of every object of the definition document (DESIGN.md, "The definition document").
 * References to other objects are plain strings here; whether they exist is checked by
 * {@link ReferenceChecks}.
 */
final class DefinitionShapes {
    static final ObjectRule FIELD = ObjectRule.builder("")
            .required("name", NAME)
            .required("dtype", VALUE_TYPE)
            .optional("description", STRING)
            .optional("tags", STRING_MAP)
            .build();

    static final ObjectRule JOIN_KEY = ObjectRule.builder("")
            .required("name", NAME)
            .required("value_type", VALUE_TYPE)
            .build();

    static final ObjectRule ENTITY = ObjectRule.builder("")
            .required("name", NAME)
            .required("join_keys", arrayOf(JOIN_KEY, true))
            .optional("description", STRING)
            .optional("owner", STRING)
            .optional("tags", STRING_MAP)
            .build();

    static final ValueRule SOURCE_TYPE = oneOf("source type", SourceType.wireNames());

    /**
     * The fields every source has, used when its {@code type} is missing or unknown.
     */
    static final ObjectRule COMMON_SOURCE = ObjectRule.builder("")
            .required("name", NAME)
            .required("type", SOURCE_TYPE)
            .optional("description", STRING)
            .optional("owner", STRING)
            .optional("tags", STRING_MAP)
            .build();

    static final Map<SourceType, ObjectRule> SOURCES = Map.of(
            SourceType.PARQUET, source("a parquet source")
                    .required("path", NON_BLANK_STRING)
                    .required("timestamp_field", NON_BLANK_STRING)
                    .optional("created_timestamp_column", NON_BLANK_STRING)
                    .optional("field_mapping", STRING_MAP)
                    .build(),
            SourceType.PUSH, source("a push source")
                    .required("batch_source", STRING)
                    .build(),
            SourceType.KAFKA, source("a kafka source")
                    .required("topic", NON_BLANK_STRING)
                    .required("format", oneOf("format", KafkaSource.FORMATS))
                    .required("timestamp_field", NON_BLANK_STRING)
                    .optional("created_timestamp_column", NON_BLANK_STRING)
                    .optional("field_mapping", STRING_MAP)
                    .required("batch_source", STRING)
                    .build(),
            SourceType.REQUEST, source("a request source")
                    .required("schema", arrayOf(FIELD, true))
                    .build());

    static final ObjectRule FEATURE_VIEW = ObjectRule.builder("")
            .required("name", NAME)
            .required("entities", arrayOf(STRING, false))
            .required("source", STRING)
            .optional("ttl", NON_NEGATIVE_DURATION)
            .optional("online", BOOLEAN)
            .required("schema", arrayOf(FIELD, true))
            .optional("freshness_sla", POSITIVE_DURATION)
            .optional("materialization_interval", POSITIVE_DURATION)
            .optional("description", STRING)
            .optional("owner", STRING)
            .optional("tags", STRING_MAP)
            .build();

    static final ObjectRule ON_DEMAND_FEATURE_VIEW = ObjectRule.builder("")
            .required("name", NAME)
            .required("sources", arrayOf(STRING, true))
            .required("schema", arrayOf(FIELD, true))
            .required("expressions", mapOf(NON_BLANK_STRING))
            .optional("description", STRING)
            .optional("owner", STRING)
            .optional("tags", STRING_MAP)
            .build();

    static final ObjectRule FEATURE_SERVICE_ITEM = ObjectRule.builder("")
            .required("feature_view", STRING)
            .optional("features", arrayOf(STRING, true))
            .build();

    static final ObjectRule FEATURE_SERVICE = ObjectRule.builder("")
            .required("name", NAME)
            .required("features", arrayOf(FEATURE_SERVICE_ITEM, true))
            .optional("description", STRING)
            .optional("owner", STRING)
            .optional("tags", STRING_MAP)
            .build();

    static final ObjectRule PROJECT = ObjectRule.builder("")
            .required("name", NAME)
            .optional("description", STRING)
            .optional("owner", STRING)
            .build();

    private DefinitionShapes() {
    }

    private static ObjectRule.Builder source(String subject) {
        return ObjectRule.builder(subject)
                .required("name", NAME)
                .required("type", SOURCE_TYPE)
                .optional("description", STRING)
                .optional("owner", STRING)
                .optional("tags", STRING_MAP);
    }
}
