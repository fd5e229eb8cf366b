package dev.featurestore.contracts.validation;

import dev.featurestore.contracts.definition.FeatureDuration;
import dev.featurestore.contracts.definition.ValueType;
import io.micronaut.json.tree.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.featurestore.contracts.validation.JsonValues.expected;
import static dev.featurestore.contracts.validation.JsonValues.quote;

/**
 * The value rules definitions are made of.
 */
final class ValueRules {
    static final ValueRule ANY = (value, path, problems) -> {
    };

    static final ValueRule STRING = (value, path, problems) -> {
        if (!value.isString()) {
            problems.add(path, expected("a string", value));
        }
    };

    static final ValueRule NON_BLANK_STRING = (value, path, problems) -> {
        if (!value.isString()) {
            problems.add(path, expected("a string", value));
        }
        else if (value.getStringValue().isBlank()) {
            problems.add(path, "must not be blank");
        }
    };

    static final ValueRule NAME = (value, path, problems) -> {
        if (!value.isString()) {
            problems.add(path, expected("a string", value));
        }
        else if (!Names.isValid(value.getStringValue())) {
            problems.add(path, Names.invalidNameMessage(value.getStringValue()));
        }
    };

    static final ValueRule BOOLEAN = (value, path, problems) -> {
        if (!value.isBoolean()) {
            problems.add(path, expected("a boolean", value));
        }
    };

    static final ValueRule VALUE_TYPE = (value, path, problems) -> {
        if (!value.isString()) {
            problems.add(path, expected("a type name", value));
        }
        else if (ValueType.parse(value.getStringValue()).isEmpty()) {
            problems.add(path, "unknown type %s (expected one of %s)".formatted(
                    quote(value.getStringValue()), String.join(", ", ValueType.names())));
        }
    };

    static final ValueRule STRING_MAP = mapOf(STRING);

    /**
     * A non-negative duration ({@code ttl}: zero means no limit).
     */
    static final ValueRule NON_NEGATIVE_DURATION = duration(false);

    /**
     * A duration greater than zero ({@code freshness_sla}, {@code materialization_interval}).
     */
    static final ValueRule POSITIVE_DURATION = duration(true);

    private ValueRules() {
    }

    static ValueRule duration(boolean mustBePositive) {
        return (value, path, problems) -> {
            if (!value.isString()) {
                problems.add(path, expected("a duration string", value));
                return;
            }
            String text = value.getStringValue();
            Optional<FeatureDuration> duration = FeatureDuration.tryParse(text);
            if (duration.isEmpty()) {
                problems.add(path, "%s is not a duration (expected e.g. '30s', '5m', '26h', '7d', 'PT6H' or '0')".formatted(quote(text)));
            }
            else if (duration.get().duration().isNegative()) {
                problems.add(path, "%s must not be negative".formatted(quote(text)));
            }
            else if (mustBePositive && duration.get().isZero()) {
                problems.add(path, "%s must be greater than zero".formatted(quote(text)));
            }
        };
    }

    static ValueRule oneOf(String what, List<String> allowed) {
        return (value, path, problems) -> {
            if (!value.isString()) {
                problems.add(path, expected("a string", value));
            }
            else if (!allowed.contains(value.getStringValue())) {
                problems.add(path, "unknown %s %s (expected one of %s)".formatted(what, quote(value.getStringValue()), String.join(", ", allowed)));
            }
        };
    }

    static ValueRule arrayOf(ValueRule elementRule, boolean mustNotBeEmpty) {
        return (value, path, problems) -> {
            if (!value.isArray()) {
                problems.add(path, expected("an array", value));
                return;
            }
            if (mustNotBeEmpty && value.size() == 0) {
                problems.add(path, "must not be empty");
            }
            int index = 0;
            for (JsonNode element : value.values()) {
                elementRule.check(element, Paths.index(path, index), problems);
                index++;
            }
        };
    }

    static ValueRule mapOf(ValueRule valueRule) {
        return (value, path, problems) -> {
            if (!value.isObject()) {
                problems.add(path, expected("an object", value));
                return;
            }
            for (Map.Entry<String, JsonNode> entry : value.entries()) {
                valueRule.check(entry.getValue(), Paths.field(path, entry.getKey()), problems);
            }
        };
    }
}
