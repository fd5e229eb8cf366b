package dev.featurestore.contracts.validation;

import io.micronaut.json.tree.JsonNode;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.featurestore.contracts.validation.JsonValues.expected;
import static dev.featurestore.contracts.validation.JsonValues.quote;
import static java.util.Objects.requireNonNull;

/**
 * The shape of a JSON object: its required and optional fields, each with a rule. Reports, in
 * document order, unknown fields (suggesting the closest known name) and bad values, then missing
 * required fields.
 */
final class ObjectRule implements ValueRule {
    private final String subject;
    private final Map<String, FieldRule> fields;

    private ObjectRule(String subject, Map<String, FieldRule> fields) {
        this.subject = subject;
        this.fields = fields;
    }

    /**
     * Starts an object shape.
     *
     * @param subject what the object is, for "is required for ..." messages; empty for none
     * @return a builder
     */
    static Builder builder(String subject) {
        return new Builder(subject);
    }

    @Override
    public void check(JsonNode value, String path, Problems problems) {
        if (!value.isObject()) {
            problems.add(Paths.shown(path), expected("an object", value));
            return;
        }
        checkFields(value, path, problems, true);
    }

    /**
     * Checks the fields of an object.
     *
     * @param rejectUnknown whether to report fields this shape does not know
     */
    void checkFields(JsonNode object, String path, Problems problems, boolean rejectUnknown) {
        for (Map.Entry<String, JsonNode> entry : object.entries()) {
            String fieldPath = Paths.field(path, entry.getKey());
            FieldRule field = fields.get(entry.getKey());
            if (field != null) {
                field.rule().check(entry.getValue(), fieldPath, problems);
            }
            else if (rejectUnknown) {
                problems.add(fieldPath, unknownFieldMessage(entry.getKey()));
            }
        }
        fields.forEach((name, field) -> {
            if (field.required() && object.get(name) == null) {
                problems.add(Paths.field(path, name), subject.isEmpty() ? "is required" : "is required for " + subject);
            }
        });
    }

    private String unknownFieldMessage(String name) {
        return closestKnownField(name)
                .map(known -> "unknown field (did you mean %s?)".formatted(quote(known)))
                .orElseGet(() -> "unknown field (expected one of %s)".formatted(String.join(", ", fields.keySet())));
    }

    private Optional<String> closestKnownField(String name) {
        return fields.keySet().stream()
                .filter(known -> EditDistance.between(name, known) <= Math.max(1, Math.min(3, known.length() / 4)))
                .min(Comparator.comparingInt(known -> EditDistance.between(name, known)));
    }

    private record FieldRule(boolean required, ValueRule rule) {
    }

    static final class Builder {
        private final String subject;
        private final Map<String, FieldRule> fields = new LinkedHashMap<>();

        private Builder(String subject) {
            this.subject = requireNonNull(subject, "subject is null");
        }

        Builder required(String name, ValueRule rule) {
            fields.put(name, new FieldRule(true, rule));
            return this;
        }

        Builder optional(String name, ValueRule rule) {
            fields.put(name, new FieldRule(false, rule));
            return this;
        }

        ObjectRule build() {
            return new ObjectRule(subject, Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
        }
    }
}
