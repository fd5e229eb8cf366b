package dev.featurestore.contracts.json;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.validation.Text;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Values read from JSON (as a JSON mapper gives them: {@link Number}, {@link String}, {@link Boolean},
 * {@link List}, null) converted to the Java type of a {@link ValueType}: BOOL {@link Boolean}, INT32
 * {@link Integer}, INT64 {@link Long}, FLOAT32 {@link Float}, FLOAT64 {@link Double}, STRING {@link String}, BYTES
 * {@code byte[]} (from base64), UNIX_TIMESTAMP {@link Instant} (read by {@link JsonTimestamps}: RFC 3339, ISO 8601
 * without an offset as UTC, or epoch milliseconds), lists a {@link List} of those (elements may be null). The one conversion every service uses for
 * request bodies (entity rows, request data, pushed rows).
 */
public final class JsonTypedValues {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonTypedValues() {
    }

    /**
     * Converts one value.
     *
     * @return the typed value, or null for null
     * @throws IllegalArgumentException saying what the value is and what was expected (for a message naming
     *     the field)
     */
    public static Object convert(Object value, ValueType type) {
        if (value == null) {
            return null;
        }
        if (type.isList()) {
            if (!(value instanceof List<?> list)) {
                throw wrong(value, type);
            }
            List<Object> elements = new ArrayList<>(list.size());
            for (int index = 0; index < list.size(); index++) {
                try {
                    elements.add(convert(list.get(index), type.elementType()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("element %d: %s".formatted(index, e.getMessage()), e);
                }
            }
            return Collections.unmodifiableList(elements);
        }
        return switch (type) {
            case BOOL -> {
                if (value instanceof Boolean bool) {
                    yield bool;
                }
                throw wrong(value, type);
            }
            case INT32 -> {
                long integral = integral(value, type);
                if (integral < Integer.MIN_VALUE || integral > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("%s is out of the INT32 range".formatted(quote(value)));
                }
                yield (int) integral;
            }
            case INT64 -> integral(value, type);
            case FLOAT32 -> (float) number(value, type);
            case FLOAT64 -> number(value, type);
            case STRING -> {
                if (value instanceof String text) {
                    yield text;
                }
                throw wrong(value, type);
            }
            case BYTES -> {
                if (value instanceof String text) {
                    try {
                        yield Base64.getDecoder().decode(text);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("%s is not base64 (BYTES values are given in base64)".formatted(quote(text)), e);
                    }
                }
                throw wrong(value, type);
            }
            case UNIX_TIMESTAMP -> JsonTimestamps.parse(value);
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalStateException("list type " + type + " handled above");
        };
    }

    /**
     * The JSON form of a typed value, the inverse of {@link #convert}: timestamps as RFC 3339 UTC text, bytes as
     * base64, lists element by element, anything else as it is.
     */
    public static Object toJson(Object value) {
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonTypedValues::toJson).toList();
        }
        return value;
    }

    /** Whether a JSON number is a whole number (an integer, or a decimal without a fraction). */
    public static boolean isIntegral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return true;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().scale() <= 0;
        }
        return false;
    }

    private static long integral(Object value, ValueType type) {
        if (!isIntegral(value)) {
            throw wrong(value, type);
        }
        BigInteger integer = value instanceof BigDecimal decimal ? decimal.toBigInteger()
                : value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
        if (integer.compareTo(LONG_MIN) < 0 || integer.compareTo(LONG_MAX) > 0) {
            throw new IllegalArgumentException("%s is out of the INT64 range".formatted(quote(value)));
        }
        return integer.longValue();
    }

    private static double number(Object value, ValueType type) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw wrong(value, type);
    }

    private static IllegalArgumentException wrong(Object value, ValueType type) {
        return new IllegalArgumentException("%s is not of type %s".formatted(quote(value), type));
    }

    private static String quote(Object value) {
        return value instanceof String text ? Text.quote(text) : Text.prefix(String.valueOf(value));
    }
}
