package dev.featurestore.historical.domain;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.JsonTypedValues;
import dev.featurestore.contracts.json.TimestampRange;
import dev.featurestore.contracts.validation.Limits;
import dev.featurestore.contracts.validation.Text;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entity rows given inline as JSON columns ({@code {"driver_id": [1001, 1002], "event_timestamp": [...]}}) as a
 * batch: the timestamp column from RFC 3339 strings (any offset, converted to UTC) or epoch milliseconds, join
 * keys and request fields in their declared types, any other column (labels) typed by its values (integers
 * INT64, other numbers FLOAT64, strings, booleans); values converted by {@link JsonTypedValues}. Every bad value is
 * reported, by column and row.
 */
public final class InlineRows {
    private InlineRows() {
    }

    /**
     * @param declared the types of the columns the features need (join keys, request fields)
     * @throws FeatureStoreException {@link CommonErrorCode#INVALID_REQUEST} naming each bad column or value
     */
    public static ColumnBatch toBatch(Map<String, List<Object>> columns, String timestampColumn, Map<String, ValueType> declared,
            TimestampRange timestampRange, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String path = "entity_source.rows";
        if (columns.isEmpty()) {
            throw invalid(List.of(new FieldError(path, "no columns")));
        }
        int size = -1;
        for (var entry : columns.entrySet()) {
            Optional<String> badName = Text.problem(entry.getKey(), Limits.MAX_COLUMN_NAME_LENGTH, false);
            if (badName.isPresent()) {
                errors.add(new FieldError(path + "." + entry.getKey(), "the column name " + badName.get()));
            } else if (entry.getValue() == null) {
                errors.add(new FieldError(path + "." + entry.getKey(), "expected a list of values, got null"));
            } else if (size < 0) {
                size = entry.getValue().size();
            } else if (entry.getValue().size() != size) {
                errors.add(new FieldError(path + "." + entry.getKey(), "has %d values, the first column %d".formatted(entry.getValue().size(), size)));
            }
        }
        if (!columns.containsKey(timestampColumn)) {
            errors.add(new FieldError("event_timestamp_column", "the entity rows have no column '%s' (columns: %s)".formatted(timestampColumn, columns.keySet())));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        List<Column> schema = new ArrayList<>();
        List<ColumnVector> vectors = new ArrayList<>();
        for (var entry : columns.entrySet()) {
            String name = entry.getKey();
            List<Object> values = entry.getValue();
            ValueType type = name.equals(timestampColumn) ? ValueType.UNIX_TIMESTAMP : declared.getOrDefault(name, null);
            if (type == null) {
                type = infer(values);
                if (type == null) {
                    errors.add(new FieldError(path + "." + name, "mixes values of different kinds; give one kind per column"));
                    continue;
                }
            }
            Column column = new Column(name, type);
            ColumnVector.Builder builder = ColumnVector.builder(column, values.size());
            for (int row = 0; row < values.size(); row++) {
                Object value = values.get(row);
                try {
                    if (value instanceof String text && text.indexOf('\u0000') >= 0) {
                        // the request is kept as JSON in PostgreSQL, which refuses NUL
                        throw new IllegalArgumentException("contains the control character U+0000 at %d".formatted(text.indexOf('\u0000')));
                    }
                    builder.append(value != null && name.equals(timestampColumn) ? timestampRange.parse(value, now) : JsonTypedValues.convert(value, type));
                } catch (IllegalArgumentException e) {
                    builder.appendNull();
                    errors.add(new FieldError("%s.%s[%d]".formatted(path, name, row), e.getMessage()));
                }
                if (value == null && name.equals(timestampColumn)) {
                    errors.add(new FieldError("%s.%s[%d]".formatted(path, name, row), "the event timestamp is missing"));
                }
            }
            schema.add(column);
            vectors.add(builder.build());
        }
        if (!errors.isEmpty()) {
            throw invalid(errors.size() > 50 ? errors.subList(0, 50) : errors);
        }
        return new ColumnBatch(new RowSchema(schema), size, vectors);
    }

    private static ValueType infer(List<Object> values) {
        ValueType type = null;
        for (Object value : values) {
            ValueType found;
            if (value == null) {
                continue;
            } else if (value instanceof Boolean) {
                found = ValueType.BOOL;
            } else if (JsonTypedValues.isIntegral(value)) {
                found = ValueType.INT64;
            } else if (value instanceof Number) {
                found = ValueType.FLOAT64;
            } else if (value instanceof String) {
                found = ValueType.STRING;
            } else {
                return null;
            }
            if (type == null || (type == ValueType.INT64 && found == ValueType.FLOAT64)) {
                type = found;
            } else if (type != found && !(type == ValueType.FLOAT64 && found == ValueType.INT64)) {
                return null;
            }
        }
        return type == null ? ValueType.STRING : type;
    }

    private static FeatureStoreException invalid(List<FieldError> errors) {
        return new FeatureStoreException(CommonErrorCode.INVALID_REQUEST,
                "Invalid entity rows: %s".formatted(errors.stream().map(error -> error.path() + ": " + error.message()).toList()), errors);
    }
}
