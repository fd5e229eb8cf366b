package dev.featurestore.contracts.validation;

import dev.featurestore.contracts.definition.KafkaSource;
import dev.featurestore.contracts.definition.SourceType;

import java.util.Map;

import static dev.featurestore.contracts.validation.ValueRules.BOOLEAN;
import static dev.featurestore.contracts.validation.ValueRules.NAME;
import static dev.featurestore.contracts.validation.ValueRules.NON_NEGATIVE_DURATION;
import static dev.featurestore.contracts.validation.ValueRules.POSITIVE_DURATION;
import static dev.featurestore.contracts.validation.ValueRules.COLUMN;
import static dev.featurestore.contracts.validation.ValueRules.DESCRIPTION;
import static dev.featurestore.contracts.validation.ValueRules.EXPRESSION;
import static dev.featurestore.contracts.validation.ValueRules.FIELD_MAPPING;
import static dev.featurestore.contracts.validation.ValueRules.OWNER;
import static dev.featurestore.contracts.validation.ValueRules.PATH;
import static dev.featurestore.contracts.validation.ValueRules.REFERENCE;
import static dev.featurestore.contracts.validation.ValueRules.TAGS;
import static dev.featurestore.contracts.validation.ValueRules.TOPIC;
import static dev.featurestore.contracts.validation.ValueRules.VALUE_TYPE;
import static dev.featurestore.contracts.validation.ValueRules.arrayOf;
import static dev.featurestore.contracts.validation.ValueRules.mapOf;
import static dev.featurestore.contracts.validation.ValueRules.oneOf;

/**
 * The shape of every object of the definition document (contracts/README.md, "The definition document").
 * References to other objects are plain strings here; whether they exist is checked by
 * {@link ReferenceChecks}.
 */
final class DefinitionShapes {
    static final ObjectRule FIELD = ObjectRule.builder("")
            .required("name", NAME)
            .required("dtype", VALUE_TYPE)
            .optional("description", DESCRIPTION)
            .optional("tags", TAGS)
            .build();

    static final ObjectRule JOIN_KEY = ObjectRule.builder("")
            .required("name", NAME)
            .required("value_type", VALUE_TYPE)
            .build();

    static final ObjectRule ENTITY = ObjectRule.builder("")
            .required("name", NAME)
            .required("join_keys", arrayOf(JOIN_KEY, true, Limits.MAX_KEYS))
            .optional("description", DESCRIPTION)
            .optional("owner", OWNER)
            .optional("tags", TAGS)
            .build();

    static final ValueRule SOURCE_TYPE = oneOf("source type", SourceType.wireNames());

    /**
     * The fields every source has, used when its {@code type} is missing or unknown.
     */
    static final ObjectRule COMMON_SOURCE = ObjectRule.builder("")
            .required("name", NAME)
            .required("type", SOURCE_TYPE)
            .optional("description", DESCRIPTION)
            .optional("owner", OWNER)
            .optional("tags", TAGS)
            .build();

    static final Map<SourceType, ObjectRule> SOURCES = Map.of(
            SourceType.PARQUET, source("a parquet source")
                    .required("path", PATH)
                    .required("timestamp_field", COLUMN)
                    .optional("created_timestamp_column", COLUMN)
                    .optional("field_mapping", FIELD_MAPPING)
                    .build(),
            SourceType.PUSH, source("a push source")
                    .required("batch_source", REFERENCE)
                    .build(),
            SourceType.KAFKA, source("a kafka source")
                    .required("topic", TOPIC)
                    .required("format", oneOf("format", KafkaSource.FORMATS))
                    .required("timestamp_field", COLUMN)
                    .optional("created_timestamp_column", COLUMN)
                    .optional("field_mapping", FIELD_MAPPING)
                    .required("batch_source", REFERENCE)
                    .build(),
            SourceType.REQUEST, source("a request source")
                    .required("schema", arrayOf(FIELD, true, Limits.MAX_FIELDS))
                    .build());

    static final ObjectRule FEATURE_VIEW = ObjectRule.builder("")
            .required("name", NAME)
            .required("entities", arrayOf(REFERENCE, false, Limits.MAX_KEYS))
            .required("source", REFERENCE)
            .optional("ttl", NON_NEGATIVE_DURATION)
            .optional("online", BOOLEAN)
            .required("schema", arrayOf(FIELD, true, Limits.MAX_FIELDS))
            .optional("freshness_sla", POSITIVE_DURATION)
            .optional("materialization_interval", POSITIVE_DURATION)
            .optional("description", DESCRIPTION)
            .optional("owner", OWNER)
            .optional("tags", TAGS)
            .build();

    static final ObjectRule ON_DEMAND_FEATURE_VIEW = ObjectRule.builder("")
            .required("name", NAME)
            .required("sources", arrayOf(REFERENCE, true, Limits.MAX_SOURCES))
            .required("schema", arrayOf(FIELD, true, Limits.MAX_FIELDS))
            .required("expressions", mapOf(Limits.MAX_NAME_LENGTH, EXPRESSION, Limits.MAX_FIELDS))
            .optional("description", DESCRIPTION)
            .optional("owner", OWNER)
            .optional("tags", TAGS)
            .build();

    static final ObjectRule FEATURE_SERVICE_ITEM = ObjectRule.builder("")
            .required("feature_view", REFERENCE)
            .optional("features", arrayOf(REFERENCE, true, Limits.MAX_FIELDS))
            .build();

    static final ObjectRule FEATURE_SERVICE = ObjectRule.builder("")
            .required("name", NAME)
            .required("features", arrayOf(FEATURE_SERVICE_ITEM, true, Limits.MAX_FEATURE_SERVICE_ITEMS))
            .optional("description", DESCRIPTION)
            .optional("owner", OWNER)
            .optional("tags", TAGS)
            .build();

    static final ObjectRule PROJECT = ObjectRule.builder("")
            .required("name", NAME)
            .optional("description", DESCRIPTION)
            .optional("owner", OWNER)
            .build();

    private DefinitionShapes() {
    }

    private static ObjectRule.Builder source(String subject) {
        return ObjectRule.builder(subject)
                .required("name", NAME)
                .required("type", SOURCE_TYPE)
                .optional("description", DESCRIPTION)
                .optional("owner", OWNER)
                .optional("tags", TAGS);
    }
}
