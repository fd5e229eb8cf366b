package dev.featurestore.cli.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.Json;
import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Values of files and command lines as the types the registry declares: text to the Java values of a Parquet row
 * (and back), and Java values to JSON. An empty text is null.
 */
public final class Values {
    private Values() {
    }

    /**
     * @throws IllegalArgumentException saying what the text is not, e.g. "'abc' is not an INT64"
     */
    public static Object parse(String text, ValueType type) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String value = text.trim();
        try {
            if (type.isList()) {
                return list(value, type);
            }
            return switch (type) {
                case BOOL -> bool(value);
                case INT32 -> Integer.parseInt(value);
                case INT64 -> Long.parseLong(value);
                case FLOAT32 -> Float.parseFloat(value);
                case FLOAT64 -> Double.parseDouble(value);
                case STRING -> text;
                case BYTES -> Base64.getDecoder().decode(value);
                case UNIX_TIMESTAMP -> timestamp(value);
                default -> throw new IllegalArgumentException("unsupported type " + type);
            };
        }
        catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("'%s' is not %s".formatted(quote(text), article(type)), e);
        }
    }

    /** A timestamp: RFC 3339 with any offset, a date-time without offset (UTC; {@code T} or a space), a date, or epoch milliseconds. */
    public static Instant timestamp(String value) {
        if (value.matches("-?\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        String text = value.length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) + "T" + value.substring(11) : value;
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException e) {
            // next form
        }
        if (text.endsWith(" UTC") || text.endsWith("+00")) {
            text = text.substring(0, text.lastIndexOf(text.endsWith(" UTC") ? ' ' : '+'));
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException e) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** A value of a row as CSV text: timestamps in RFC 3339, lists as JSON arrays, bytes in base64, null as empty. */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> list) {
            return Json.write(toJson(list));
        }
        return value.toString();
    }

    /** A value of a row as a JSON value: timestamps as RFC 3339 strings, bytes in base64. */
    public static Object toJson(Object value) {
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(item -> result.add(toJson(item)));
            return result;
        }
        if (value instanceof Float number) {
            return number.doubleValue();
        }
        return value;
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "yes" -> true;
            case "false", "f", "0", "no" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static List<Object> list(String value, ValueType type) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(value);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("not a JSON array", e);
        }
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("not a JSON array");
        }
        List<Object> items = new ArrayList<>();
        for (JsonNode item : node) {
            items.add(item.isNull() ? null : parse(item.isTextual() ? item.asText() : item.toString(), type.elementType()));
        }
        return items;
    }

    private static String article(ValueType type) {
        return (type.name().startsWith("I") || type.name().startsWith("U") ? "an " : "a ") + type.name();
    }

    private static String quote(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
