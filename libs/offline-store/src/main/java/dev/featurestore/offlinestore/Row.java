package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One row: a schema and one value per column, {@code null} for a missing value. Java types by
 * {@link ValueType}: BOOL {@link Boolean}, INT32 {@link Integer}, INT64 {@link Long}, FLOAT32
 * {@link Float}, FLOAT64 {@link Double}, STRING {@link String}, BYTES {@code byte[]}, UNIX_TIMESTAMP
 * {@link Instant}, the list types a {@link List} of their element's Java type (elements may be null). The
 * constructor checks every value, and every list element, against its column's type.
 */
public record Row(RowSchema schema, List<Object> values) {
    public Row {
        requireNonNull(schema, "schema is null");
        requireNonNull(values, "values is null");
        if (values.size() != schema.size()) {
            throw new IllegalArgumentException("%d values for %d columns %s".formatted(values.size(), schema.size(), schema.names()));
        }
        for (int index = 0; index < values.size(); index++) {
            Object value = values.get(index);
            Column column = schema.column(index);
            if (value != null && !javaType(column.type()).isInstance(value)) {
                throw new IllegalArgumentException("column '%s' of type %s takes %s, not %s"
                        .formatted(column.name(), column.type(), javaType(column.type()).getSimpleName(), value.getClass().getSimpleName()));
            }
            if (value != null && column.type().isList()) {
                Class<?> elementType = javaType(column.type().elementType());
                for (Object element : (List<?>) value) {
                    if (element != null && !elementType.isInstance(element)) {
                        throw new IllegalArgumentException("column '%s' of type %s takes elements of %s, not %s".formatted(
                                column.name(), column.type(), elementType.getSimpleName(), element.getClass().getSimpleName()));
                    }
                }
            }
        }
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public static Row of(RowSchema schema, Object... values) {
        return new Row(schema, Arrays.asList(values));
    }

    /** The Java class holding values of {@code type}. */
    public static Class<?> javaType(ValueType type) {
        return switch (type) {
            case BOOL -> Boolean.class;
            case INT32 -> Integer.class;
            case INT64 -> Long.class;
            case FLOAT32 -> Float.class;
            case FLOAT64 -> Double.class;
            case STRING -> String.class;
            case BYTES -> byte[].class;
            case UNIX_TIMESTAMP -> Instant.class;
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST -> List.class;
        };
    }

    public Object get(int index) {
        return values.get(index);
    }

    public Object get(String column) {
        return values.get(schema.requireIndex(column));
    }

    public boolean isNull(String column) {
        return get(column) == null;
    }

    public Long getLong(String column) {
        return (Long) get(column);
    }

    public Integer getInteger(String column) {
        return (Integer) get(column);
    }

    public Double getDouble(String column) {
        return (Double) get(column);
    }

    public Float getFloat(String column) {
        return (Float) get(column);
    }

    public Boolean getBoolean(String column) {
        return (Boolean) get(column);
    }

    public String getString(String column) {
        return (String) get(column);
    }

    public byte[] getBytes(String column) {
        return (byte[]) get(column);
    }

    public Instant getInstant(String column) {
        return (Instant) get(column);
    }
}
