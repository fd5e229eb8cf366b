package dev.featurestore.offlineengine.duckdb;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.Timestamps;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads result columns, written by {@link Sql#read}, into vectors of our types. */
final class Results {
    private Results() {
    }

    /** Appends the value of result column {@code index} (1-based) of the current row to {@code builder}. */
    static void append(ResultSet result, int index, ValueType type, ColumnVector.Builder builder) throws SQLException {
        switch (type) {
            case BOOL -> {
                boolean value = result.getBoolean(index);
                appendLong(result, builder, value ? 1 : 0);
            }
            case INT32 -> appendLong(result, builder, result.getInt(index));
            case INT64, UNIX_TIMESTAMP -> appendLong(result, builder, result.getLong(index));
            case FLOAT32 -> {
                float value = result.getFloat(index);
                if (result.wasNull()) {
                    builder.appendNull();
                } else {
                    builder.appendDouble(value);
                }
            }
            case FLOAT64 -> {
                double value = result.getDouble(index);
                if (result.wasNull()) {
                    builder.appendNull();
                } else {
                    builder.appendDouble(value);
                }
            }
            case STRING -> builder.append(result.getString(index));
            case BYTES -> builder.append(bytes(result.getObject(index)));
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST -> {
                Array array = result.getArray(index);
                builder.append(array == null ? null : list((Object[]) array.getArray(), type.elementType()));
            }
        }
    }

    private static void appendLong(ResultSet result, ColumnVector.Builder builder, long value) throws SQLException {
        if (result.wasNull()) {
            builder.appendNull();
        } else {
            builder.appendLong(value);
        }
    }

    private static List<Object> list(Object[] elements, ValueType elementType) throws SQLException {
        List<Object> values = new ArrayList<>(elements.length);
        for (Object element : elements) {
            values.add(element == null ? null : element(element, elementType));
        }
        return values;
    }

    private static Object element(Object element, ValueType type) throws SQLException {
        return switch (type) {
            case BOOL -> (Boolean) element;
            case INT32 -> ((Number) element).intValue();
            case INT64 -> ((Number) element).longValue();
            case FLOAT32 -> ((Number) element).floatValue();
            case FLOAT64 -> ((Number) element).doubleValue();
            case STRING -> element.toString();
            case BYTES -> bytes(element);
            case UNIX_TIMESTAMP -> Timestamps.fromMicros(((Number) element).longValue());
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalArgumentException("no list of %s".formatted(type));
        };
    }

    private static byte[] bytes(Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        throw new SQLException("a BLOB value arrived as %s".formatted(value.getClass().getName()));
    }

    /** Builders of {@code size} rows for these columns. */
    static List<ColumnVector.Builder> builders(List<Column> columns, int size) {
        return Arrays.asList(columns.stream().map(column -> ColumnVector.builder(column, size)).toArray(ColumnVector.Builder[]::new));
    }
}
