package dev.featurestore.transforms;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypes;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import dev.featurestore.contracts.definition.ValueType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How feature types map to CEL types, and how Java values cross into and out of CEL.
 * <p>
 * In: INT32/INT64 -> int (Long), FLOAT32/FLOAT64 -> double (Double, a float widened exactly),
 * BYTES -> bytes, UNIX_TIMESTAMP -> timestamp (Instant), lists -> list(element).
 * Out: the result is converted to the Java type of the feature's dtype; an int result is widened
 * for a FLOAT32/FLOAT64 feature; a value outside an INT32 or FLOAT32 range is an error.
 */
final class ValueTypes {
    private ValueTypes() {
    }

    static CelType celType(ValueType type) {
        if (type.isList()) {
            return ListType.create(celType(type.elementType()));
        }
        return switch (type) {
            case BOOL -> SimpleType.BOOL;
            case INT32, INT64 -> SimpleType.INT;
            case FLOAT32, FLOAT64 -> SimpleType.DOUBLE;
            case STRING -> SimpleType.STRING;
            case BYTES -> SimpleType.BYTES;
            case UNIX_TIMESTAMP -> SimpleType.TIMESTAMP;
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalStateException("list type " + type + " handled above");
        };
    }

    static String format(CelType type) {
        return CelTypes.format(type);
    }

    /**
     * Checks an expression's static result type against the feature's dtype.
     *
     * @return empty when the result fits (exactly, by int -> double widening, or as {@code dyn},
     *         which is then checked on every row), else the message
     */
    static Optional<String> resultTypeMismatch(CelType resultType, ValueType dtype) {
        if (fits(resultType, dtype)) {
            return Optional.empty();
        }
        return Optional.of("result type %s does not match dtype %s (expected %s%s)".formatted(
                format(resultType), dtype, format(celType(dtype)), hint(resultType, dtype)));
    }

    private static boolean fits(CelType type, ValueType dtype) {
        CelKind kind = type.kind();
        if (isDynamic(kind)) {
            return true;
        }
        if (dtype.isList()) {
            return kind == CelKind.LIST && type instanceof ListType list
                    && (!list.hasElemType() || fits(list.elemType(), dtype.elementType()));
        }
        return switch (dtype) {
            case BOOL -> kind == CelKind.BOOL;
            case INT32, INT64 -> kind == CelKind.INT;
            case FLOAT32, FLOAT64 -> kind == CelKind.DOUBLE || kind == CelKind.INT;
            case STRING -> kind == CelKind.STRING;
            case BYTES -> kind == CelKind.BYTES;
            case UNIX_TIMESTAMP -> kind == CelKind.TIMESTAMP;
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST -> false;
        };
    }

    private static boolean isDynamic(CelKind kind) {
        return kind == CelKind.DYN || kind == CelKind.ANY || kind == CelKind.TYPE_PARAM;
    }

    private static String hint(CelType resultType, ValueType dtype) {
        CelKind kind = resultType.kind();
        ValueType element = dtype.elementType();
        if (dtype.isList() || kind == CelKind.LIST) {
            return "";
        }
        if ((element == ValueType.INT32 || element == ValueType.INT64) && (kind == CelKind.DOUBLE || kind == CelKind.UINT)) {
            return "; convert with int(...)";
        }
        if ((element == ValueType.FLOAT32 || element == ValueType.FLOAT64) && kind == CelKind.UINT) {
            return "; convert with double(...)";
        }
        if (element == ValueType.STRING) {
            return "; convert with string(...)";
        }
        return "";
    }

    /**
     * A Java input value as CEL wants it.
     *
     * @return the CEL value, or null when the value or one of its list elements is null
     * @throws IllegalArgumentException when the value is not of a Java type the dtype accepts
     */
    static Object toCel(Object value, ValueType dtype) {
        if (value == null) {
            return null;
        }
        if (dtype.isList()) {
            if (!(value instanceof List<?> list)) {
                throw wrongInput(value, dtype, "a java.util.List");
            }
            List<Object> elements = new ArrayList<>(list.size());
            ValueType elementType = dtype.elementType();
            for (Object element : list) {
                Object converted = toCel(element, elementType);
                if (converted == null) {
                    return null;
                }
                elements.add(converted);
            }
            return elements;
        }
        return switch (dtype) {
            case BOOL -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                throw wrongInput(value, dtype, "Boolean");
            }
            case INT32, INT64 -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    yield ((Number) value).longValue();
                }
                throw wrongInput(value, dtype, "Long or Integer");
            }
            case FLOAT32, FLOAT64 -> {
                if (value instanceof Number number) {
                    yield number.doubleValue();
                }
                throw wrongInput(value, dtype, "Double or Float");
            }
            case STRING -> {
                if (value instanceof String) {
                    yield value;
                }
                throw wrongInput(value, dtype, "String");
            }
            case BYTES -> {
                if (value instanceof byte[] bytes) {
                    yield CelByteString.of(bytes);
                }
                throw wrongInput(value, dtype, "byte[]");
            }
            case UNIX_TIMESTAMP -> {
                if (value instanceof Instant) {
                    yield value;
                }
                throw wrongInput(value, dtype, "java.time.Instant");
            }
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalStateException("list type " + dtype + " handled above");
        };
    }

    private static IllegalArgumentException wrongInput(Object value, ValueType dtype, String expected) {
        return new IllegalArgumentException("expected %s for %s, got %s".formatted(expected, dtype, value.getClass().getName()));
    }

    /**
     * A CEL result as the Java type of the feature's dtype.
     *
     * @return the value, or null for a CEL null
     * @throws IllegalArgumentException when the value does not fit the dtype
     */
    static Object fromCel(Object value, ValueType dtype) {
        if (value == null || value instanceof NullValue) {
            return null;
        }
        if (dtype.isList()) {
            if (!(value instanceof List<?> list)) {
                throw wrongResult(value, dtype);
            }
            List<Object> elements = new ArrayList<>(list.size());
            ValueType elementType = dtype.elementType();
            for (Object element : list) {
                // Only a dyn list can hold a null; a list feature's elements are never null.
                Object converted = fromCel(element, elementType);
                if (converted == null) {
                    throw new IllegalArgumentException("%s result has a null element".formatted(dtype));
                }
                elements.add(converted);
            }
            return List.copyOf(elements);
        }
        return switch (dtype) {
            case BOOL -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                throw wrongResult(value, dtype);
            }
            case INT64 -> {
                if (value instanceof Long) {
                    yield value;
                }
                throw wrongResult(value, dtype);
            }
            case INT32 -> {
                if (value instanceof Long number) {
                    if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("result %d is outside the INT32 range".formatted(number));
                    }
                    yield number.intValue();
                }
                throw wrongResult(value, dtype);
            }
            case FLOAT64 -> {
                if (value instanceof Double || value instanceof Long) {
                    yield ((Number) value).doubleValue();
                }
                throw wrongResult(value, dtype);
            }
            case FLOAT32 -> {
                if (value instanceof Double || value instanceof Long) {
                    double number = ((Number) value).doubleValue();
                    float narrowed = (float) number;
                    if (Float.isInfinite(narrowed) && !Double.isInfinite(number)) {
                        throw new IllegalArgumentException("result %s is outside the FLOAT32 range".formatted(number));
                    }
                    yield narrowed;
                }
                throw wrongResult(value, dtype);
            }
            case STRING -> {
                if (value instanceof String) {
                    yield value;
                }
                throw wrongResult(value, dtype);
            }
            case BYTES -> {
                if (value instanceof CelByteString bytes) {
                    yield bytes.toByteArray();
                }
                throw wrongResult(value, dtype);
            }
            case UNIX_TIMESTAMP -> {
                if (value instanceof Instant) {
                    yield value;
                }
                throw wrongResult(value, dtype);
            }
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalStateException("list type " + dtype + " handled above");
        };
    }

    private static IllegalArgumentException wrongResult(Object value, ValueType dtype) {
        return new IllegalArgumentException("result of type %s does not match dtype %s".formatted(value.getClass().getSimpleName(), dtype));
    }
}
