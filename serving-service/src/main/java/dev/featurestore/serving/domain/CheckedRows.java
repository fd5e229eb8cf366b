package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows that passed {@link ColumnLayout#check}: typed, with every join key and event timestamp present.
 *
 * @param count how many rows
 * @param values column -> typed values, one per row
 * @param types column -> type
 */
public record CheckedRows(int count, Map<String, List<Object>> values, Map<String, ValueType> types) {
    public CheckedRows {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(values, "values is null")));
        types = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(types, "types is null")));
    }

    /** The value of {@code column} in {@code row}. */
    public Object value(String column, int row) {
        return values.get(column).get(row);
    }
}
