package dev.featurestore.serving.api;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.featurestore.serving.domain.FeatureStatus;
import dev.featurestore.serving.domain.OnlineFeaturesResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * Writes an online answer as Feast's response JSON ({@link GetOnlineFeaturesResponse}'s shape) straight into bytes:
 * the answer of {@code /get-online-features} is the largest part of a request's CPU with 50 features and more, and a
 * generic encoder spends most of it looking up how to write each value and formatting doubles. Here each value is
 * written by its Java type, doubles with the shortest representation that reads back as the same double (Schubfach,
 * jackson-core's fast writer; Java 17's {@code Double.toString} is several times slower and not always the shortest),
 * floats as {@link Float#toString}, an event timestamp is formatted once per run of equal ones (every feature of a view
 * shares its record's), and the fixed parts (status names, the epoch) are pre-encoded. The values are those the
 * service's generic mapper writes for the same {@link GetOnlineFeaturesResponse} (tested), with timestamps as RFC 3339
 * in UTC ({@link Instant#toString()}) and NaN and the infinities as strings; bytes are base64, as Feast's JSON has them
 * and as this service documents (the generic mapper wrote arrays of signed numbers).
 */
final class OnlineAnswerJson {
    private static final byte[][] STATUSES = Arrays.stream(FeatureStatus.values()).map(status -> ascii("\"" + status.name() + "\"")).toArray(byte[][]::new);
    private static final byte[] EPOCH = ascii("\"" + Instant.EPOCH + "\"");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] HEX = ascii("0123456789abcdef");

    private byte[] buffer;
    private int length;

    private OnlineAnswerJson(int capacity) {
        buffer = new byte[capacity];
    }

    /** The answer as UTF-8 JSON. */
    static byte[] write(OnlineFeaturesResult answer) {
        List<OnlineFeaturesResult.Column> columns = answer.columns();
        int rows = columns.isEmpty() ? 0 : columns.get(0).values().size();
        OnlineAnswerJson json = new OnlineAnswerJson(128 + columns.size() * (96 + rows * 64));
        json.raw("{\"metadata\":{\"feature_names\":[");
        for (int index = 0; index < columns.size(); index++) {
            if (index > 0) {
                json.put((byte) ',');
            }
            json.string(columns.get(index).name());
        }
        json.raw("]},\"results\":[");
        Instant lastTimestamp = null;
        int lastStart = 0;
        int lastLength = 0;
        for (int index = 0; index < columns.size(); index++) {
            OnlineFeaturesResult.Column column = columns.get(index);
            json.raw(index == 0 ? "{\"values\":[" : ",{\"values\":[");
            List<Object> values = column.values();
            for (int row = 0; row < values.size(); row++) {
                if (row > 0) {
                    json.put((byte) ',');
                }
                json.value(values.get(row));
            }
            json.raw("],\"statuses\":[");
            List<FeatureStatus> statuses = column.statuses();
            for (int row = 0; row < statuses.size(); row++) {
                if (row > 0) {
                    json.put((byte) ',');
                }
                json.put(STATUSES[statuses.get(row).ordinal()]);
            }
            json.raw("],\"event_timestamps\":[");
            List<Instant> timestamps = column.eventTimestamps();
            for (int row = 0; row < timestamps.size(); row++) {
                if (row > 0) {
                    json.put((byte) ',');
                }
                Instant timestamp = timestamps.get(row);
                if (timestamp == null) {
                    json.put(NULL);
                } else if (timestamp.equals(Instant.EPOCH)) {
                    json.put(EPOCH);
                } else if (timestamp.equals(lastTimestamp)) {
                    json.copyOwn(lastStart, lastLength);
                } else {
                    lastTimestamp = timestamp;
                    lastStart = json.length;
                    json.string(timestamp.toString());
                    lastLength = json.length - lastStart;
                }
            }
            json.raw("]}");
        }
        json.raw("]}");
        return Arrays.copyOf(json.buffer, json.length);
    }

    private void value(Object value) {
        if (value == null) {
            put(NULL);
        } else if (value instanceof Double number) {
            double v = number;
            if (Double.isFinite(v)) {
                raw(NumberOutput.toString(v, true));
            } else {
                string(Double.toString(v));
            }
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            raw(value.toString());
        } else if (value instanceof String text) {
            string(text);
        } else if (value instanceof Boolean flag) {
            put(flag ? TRUE : FALSE);
        } else if (value instanceof Float number) {
            float v = number;
            if (Float.isFinite(v)) {
                raw(Float.toString(v));
            } else {
                string(Float.toString(v));
            }
        } else if (value instanceof Number number) {
            raw(number.toString());
        } else if (value instanceof Instant instant) {
            string(instant.toString());
        } else if (value instanceof byte[] bytes) {
            string(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Collection<?> list) {
            put((byte) '[');
            boolean first = true;
            for (Object element : list) {
                if (!first) {
                    put((byte) ',');
                }
                first = false;
                value(element);
            }
            put((byte) ']');
        } else {
            string(value.toString());
        }
    }

    /** A JSON string: quotes, the escapes JSON requires, UTF-8. */
    private void string(String text) {
        ensure(text.length() * 6 + 2);
        buffer[length++] = '"';
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                buffer[length++] = (byte) c;
            } else if (c == '"' || c == '\\') {
                buffer[length++] = '\\';
                buffer[length++] = (byte) c;
            } else if (c < 0x20) {
                escaped(c);
            } else if (c < 0x80) {
                buffer[length++] = (byte) c;
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xc0 | (c >> 6));
                buffer[length++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1))) {
                int point = Character.toCodePoint(c, text.charAt(++index));
                buffer[length++] = (byte) (0xf0 | (point >> 18));
                buffer[length++] = (byte) (0x80 | ((point >> 12) & 0x3f));
                buffer[length++] = (byte) (0x80 | ((point >> 6) & 0x3f));
                buffer[length++] = (byte) (0x80 | (point & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // a lone surrogate is not text: written as its escape, as Jackson does not, but valid JSON either way
                escaped(c);
            } else {
                buffer[length++] = (byte) (0xe0 | (c >> 12));
                buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buffer[length++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        buffer[length++] = '"';
    }

    private void escaped(char c) {
        switch (c) {
            case '\n' -> {
                buffer[length++] = '\\';
                buffer[length++] = 'n';
            }
            case '\r' -> {
                buffer[length++] = '\\';
                buffer[length++] = 'r';
            }
            case '\t' -> {
                buffer[length++] = '\\';
                buffer[length++] = 't';
            }
            case '\b' -> {
                buffer[length++] = '\\';
                buffer[length++] = 'b';
            }
            case '\f' -> {
                buffer[length++] = '\\';
                buffer[length++] = 'f';
            }
            default -> {
                buffer[length++] = '\\';
                buffer[length++] = 'u';
                buffer[length++] = HEX[(c >> 12) & 0xf];
                buffer[length++] = HEX[(c >> 8) & 0xf];
                buffer[length++] = HEX[(c >> 4) & 0xf];
                buffer[length++] = HEX[c & 0xf];
            }
        }
    }

    /** ASCII text as it is (numbers, fixed JSON). */
    private void raw(String ascii) {
        ensure(ascii.length());
        for (int index = 0; index < ascii.length(); index++) {
            buffer[length++] = (byte) ascii.charAt(index);
        }
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void copyOwn(int start, int count) {
        ensure(count);
        System.arraycopy(buffer, start, buffer, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
