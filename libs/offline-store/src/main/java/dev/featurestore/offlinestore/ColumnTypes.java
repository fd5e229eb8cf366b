package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;

/**
 * Which file column types can feed a declared feature or join key, and the conversion of one value: the rules
 * every reader of a view's source applies (historical retrieval, materialization), so that one file is read the
 * same way everywhere.
 */
public final class ColumnTypes {
    private ColumnTypes() {
    }

    /**
     * Whether a file column of type {@code found} can feed a feature declared {@code declared}: the same type, a
     * wider or narrower integer, a wider or narrower float, or an integer read as a float.
     */
    public static boolean featureCompatible(ValueType found, ValueType declared) {
        if (found == declared) {
            return true;
        }
        boolean foundInteger = isInteger(found);
        boolean foundFloat = found == ValueType.FLOAT32 || found == ValueType.FLOAT64;
        boolean declaredFloat = declared == ValueType.FLOAT32 || declared == ValueType.FLOAT64;
        return (foundInteger && (isInteger(declared) || declaredFloat)) || (foundFloat && declaredFloat);
    }

    /** Whether a file column of type {@code found} can feed a join key declared {@code declared}: integers of any width match each other, any other type only itself. */
    public static boolean keyCompatible(ValueType found, ValueType declared) {
        return isInteger(found) ? isInteger(declared) : found == declared;
    }

    /**
     * A value as {@link Row} holds it for {@code found}, converted to the Java type of {@code declared}
     * ({@link Row#javaType}); types must be {@link #featureCompatible} or {@link #keyCompatible}.
     *
     * @throws IllegalArgumentException when an integer does not fit an INT32
     */
    public static Object convert(Object value, ValueType found, ValueType declared) {
        requireNonNull(found, "found is null");
        requireNonNull(declared, "declared is null");
        if (value == null || found == declared) {
            return value;
        }
        return switch (declared) {
            case INT32 -> Math.toIntExact(((Number) value).longValue());
            case INT64 -> ((Number) value).longValue();
            case FLOAT32 -> ((Number) value).floatValue();
            case FLOAT64 -> ((Number) value).doubleValue();
            case BOOL, STRING, BYTES, UNIX_TIMESTAMP, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST,
                 UNIX_TIMESTAMP_LIST -> throw new IllegalArgumentException("a %s column cannot feed a %s".formatted(found, declared));
        };
    }

    private static boolean isInteger(ValueType type) {
        return type == ValueType.INT32 || type == ValueType.INT64;
    }
}
