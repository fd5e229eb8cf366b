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

    /** A reference to an object by name (bounded like a name, any characters but controls: it is resolved, not created). */
    static final ValueRule REFERENCE = text(Limits.MAX_NAME_LENGTH, false);

    static final ValueRule DESCRIPTION = text(Limits.MAX_DESCRIPTION_LENGTH, true);

    static final ValueRule OWNER = text(Limits.MAX_OWNER_LENGTH, false);

    static final ValueRule COLUMN = nonBlankText(Limits.MAX_COLUMN_NAME_LENGTH, false);

    static final ValueRule PATH = nonBlankText(Limits.MAX_PATH_LENGTH, false);

    static final ValueRule TOPIC = nonBlankText(Limits.MAX_TOPIC_LENGTH, false);

    static final ValueRule EXPRESSION = nonBlankText(Limits.MAX_EXPRESSION_LENGTH, true);

    static final ValueRule NAME = (value, path, problems) -> {
        if (!value.isString()) {
            problems.add(path, expected("a string", value));
            return;
        }
        String name = value.getStringValue();
        Optional<String> problem = problems.checksBounds() ? Names.problem(name)
                : Names.isValid(name) ? Optional.empty() : Optional.of(Names.invalidNameMessage(name));
        problem.ifPresent(message -> problems.add(path, message));
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

    /** {@code tags}: at most {@link Limits#MAX_TAGS}, keys bounded as names (any characters but controls), values as text. */
    static final ValueRule TAGS = mapOf(Limits.MAX_NAME_LENGTH, text(Limits.MAX_TAG_VALUE_LENGTH, false), Limits.MAX_TAGS);

    /** {@code field_mapping}: file column -> feature or key name. */
    static final ValueRule FIELD_MAPPING = mapOf(Limits.MAX_COLUMN_NAME_LENGTH, text(Limits.MAX_COLUMN_NAME_LENGTH, false), Limits.MAX_FIELDS);

    /**
     * A non-negative duration ({@code ttl}: zero means no limit), at most {@link Limits#MAX_DURATION}.
     */
    static final ValueRule NON_NEGATIVE_DURATION = duration(false);

    /**
     * A duration of at least {@link Limits#MIN_INTERVAL} and at most {@link Limits#MAX_DURATION}
     * ({@code freshness_sla}, {@code materialization_interval}).
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
            if (problems.checksBounds() && text.length() > Limits.MAX_DURATION_LENGTH) {
                problems.add(path, "%s is not a duration (%d characters, at most %d)".formatted(quote(text), text.length(), Limits.MAX_DURATION_LENGTH));
                return;
            }
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
            else if (problems.checksBounds() && duration.get().duration().compareTo(Limits.MAX_DURATION) > 0) {
                problems.add(path, "%s is more than the maximum of %s (10 years)".formatted(quote(text), "3650d"));
            }
            else if (problems.checksBounds() && mustBePositive && duration.get().duration().compareTo(Limits.MIN_INTERVAL) < 0) {
                problems.add(path, "%s is less than the minimum of %s".formatted(quote(text), "1s"));
            }
        };
    }

    /** A string of at most {@code maxLength} characters without control characters (tab and line breaks allowed in free text). */
    static ValueRule text(int maxLength, boolean allowLineBreaks) {
        return (value, path, problems) -> {
            if (!value.isString()) {
                problems.add(path, expected("a string", value));
            }
            else if (problems.checksBounds()) {
                Text.problem(value.getStringValue(), maxLength, allowLineBreaks).ifPresent(message -> problems.add(path, message));
            }
        };
    }

    /** {@link #text} that is not blank either. */
    static ValueRule nonBlankText(int maxLength, boolean allowLineBreaks) {
        ValueRule text = text(maxLength, allowLineBreaks);
        return (value, path, problems) -> {
            if (value.isString() && value.getStringValue().isBlank()) {
                problems.add(path, "must not be blank");
            }
            else {
                text.check(value, path, problems);
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

    static ValueRule arrayOf(ValueRule elementRule, boolean mustNotBeEmpty, int maxItems) {
        return (value, path, problems) -> {
            if (!value.isArray()) {
                problems.add(path, expected("an array", value));
                return;
            }
            if (mustNotBeEmpty && value.size() == 0) {
                problems.add(path, "must not be empty");
            }
            if (problems.checksBounds() && value.size() > maxItems) {
                problems.add(path, "has %d items, at most %d".formatted(value.size(), maxItems));
                return;
            }
            int index = 0;
            for (JsonNode element : value.values()) {
                elementRule.check(element, Paths.index(path, index), problems);
                index++;
            }
        };
    }

    /**
     * An object used as a map: at most {@code maxEntries} entries, keys of at most {@code maxKeyLength} characters
     * without control characters, each value checked by {@code valueRule}.
     */
    static ValueRule mapOf(int maxKeyLength, ValueRule valueRule, int maxEntries) {
        return (value, path, problems) -> {
            if (!value.isObject()) {
                problems.add(path, expected("an object", value));
                return;
            }
            if (problems.checksBounds() && value.size() > maxEntries) {
                problems.add(path, "has %d entries, at most %d".formatted(value.size(), maxEntries));
                return;
            }
            for (Map.Entry<String, JsonNode> entry : value.entries()) {
                String entryPath = Paths.field(path, entry.getKey());
                if (problems.checksBounds()) {
                    Text.problem(entry.getKey(), maxKeyLength, false).ifPresent(message -> problems.add(entryPath, "the key " + message));
                }
                valueRule.check(entry.getValue(), entryPath, problems);
            }
        };
    }
}
