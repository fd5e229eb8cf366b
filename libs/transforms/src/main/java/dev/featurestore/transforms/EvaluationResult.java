package dev.featurestore.transforms;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The features of one row.
 *
 * @param values feature -> value in schema order; a value is null when an input it reads is null or
 *               absent, or when its expression failed on this row (then {@code errors} says why).
 *               Unmodifiable; holds nulls, so it is not a {@code Map.copyOf}.
 * @param errors the runtime errors of this row, at most one per feature (division by zero,
 *               overflow, an input of the wrong Java type, a result outside the dtype's range)
 */
public record EvaluationResult(Map<String, Object> values, List<ExpressionError> errors) {
    public EvaluationResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(values, "values is null")));
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * One feature's value.
     *
     * @param feature a feature of the view
     * @return its value, or null
     * @throws IllegalArgumentException when the view has no such feature
     */
    public Object value(String feature) {
        if (!values.containsKey(feature)) {
            throw new IllegalArgumentException("no feature '%s' (features: %s)".formatted(feature, String.join(", ", values.keySet())));
        }
        return values.get(feature);
    }
}
