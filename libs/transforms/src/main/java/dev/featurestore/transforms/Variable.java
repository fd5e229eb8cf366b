package dev.featurestore.transforms;

import dev.featurestore.contracts.definition.ValueType;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A source field as a CEL variable: {@code ride_request.distance_km} is declared as one variable of
 * that qualified name and the field's type.
 */
record Variable(String source, String field, ValueType dtype) {
    Variable {
        requireNonNull(source, "source is null");
        requireNonNull(field, "field is null");
        requireNonNull(dtype, "dtype is null");
    }

    String qualifiedName() {
        return source + "." + field;
    }

    /**
     * This variable's raw value in one row's inputs.
     *
     * @return the value, or null when the source, the field or the value is absent or null
     */
    Object lookup(Map<String, Map<String, Object>> inputs) {
        Map<String, Object> fields = inputs.get(source);
        return fields == null ? null : fields.get(field);
    }
}
