package dev.featurestore.contracts.online;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Redis keys of the online store.
 *
 * <ul>
 *   <li>a record: {@code fs:<project>:<view>:{<entity key>}}, the entity key being {@code name=value} per join
 *       key in the view's order, joined by {@code ,}. The braces make it the Redis Cluster hash tag, so every
 *       view of one entity lives in one slot. Values: INT32 and INT64 in decimal, BOOL {@code true|false},
 *       STRING as its UTF-8 bytes, each of {@code %}, <code>{</code>, <code>}</code>, {@code ,}, {@code =}, a control
 *       character or a byte of a non-ASCII character written {@code %XX} (upper-case hex), BYTES as {@code 0x} and lower-case hex;</li>
 *   <li>a writer's schema: {@code fs:schema:<fingerprint as 16 hex digits>}, holding
 *       {@link OnlineSchema#canonicalText()}; written once by writers, read by a reader meeting a record whose
 *       fingerprint is not its view's.</li>
 * </ul>
 */
public final class OnlineKeys {
    private static final HexFormat HEX_UPPER = HexFormat.of().withUpperCase();
    private OnlineKeys() {
    }

    /**
     * The key of one view's record for one entity.
     *
     * @param keys the view's join keys, in order
     * @param values one value per join key (Java types as {@link OnlineRecordCodec} lists them)
     * @throws IllegalArgumentException naming the join key whose value is null, of another type, or of a type
     *     that cannot be a key (floats, timestamps, lists)
     */
    public static String recordKey(String project, String view, List<JoinKey> keys, List<?> values) {
        requireNonNull(project, "project is null");
        requireNonNull(view, "view is null");
        return "fs:" + project + ':' + view + ":{" + entityKey(keys, values) + '}';
    }

    /** The entity key alone ({@code name=value,...}), as {@link #recordKey} places it inside the hash tag. */
    public static String entityKey(List<JoinKey> keys, List<?> values) {
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException("%d join keys, %d values".formatted(keys.size(), values.size()));
        }
        StringBuilder key = new StringBuilder();
        for (int index = 0; index < keys.size(); index++) {
            if (index > 0) {
                key.append(',');
            }
            JoinKey joinKey = keys.get(index);
            key.append(joinKey.name()).append('=');
            appendValue(key, joinKey, values.get(index));
        }
        return key.toString();
    }

    /** Whether values of {@code type} can be join key values of the online store (INT32, INT64, BOOL, STRING, BYTES). */
    public static boolean isKeyType(ValueType type) {
        return switch (type) {
            case INT32, INT64, BOOL, STRING, BYTES -> true;
            case FLOAT32, FLOAT64, UNIX_TIMESTAMP, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST,
                 UNIX_TIMESTAMP_LIST -> false;
        };
    }

    /** The key under which a writer leaves its schema's canonical text. */
    public static String schemaKey(long fingerprint) {
        return "fs:schema:" + HexFormat.of().toHexDigits(fingerprint);
    }

    private static void appendValue(StringBuilder key, JoinKey joinKey, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("join key '%s' is null".formatted(joinKey.name()));
        }
        switch (joinKey.valueType()) {
            case INT32 -> key.append(requireType(joinKey, value, Integer.class));
            case INT64 -> key.append(requireType(joinKey, value, Long.class));
            case BOOL -> key.append(requireType(joinKey, value, Boolean.class));
            case STRING -> percentEncode(key, requireType(joinKey, value, String.class));
            case BYTES -> key.append("0x").append(HexFormat.of().formatHex(requireType(joinKey, value, byte[].class)));
            case FLOAT32, FLOAT64, UNIX_TIMESTAMP, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST,
                 UNIX_TIMESTAMP_LIST -> throw new IllegalArgumentException("join key '%s' of type %s cannot key the online store"
                    .formatted(joinKey.name(), joinKey.valueType()));
        }
    }

    private static <T> T requireType(JoinKey joinKey, Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("join key '%s' of type %s cannot be %s"
                    .formatted(joinKey.name(), joinKey.valueType(), value.getClass().getSimpleName()));
        }
        return type.cast(value);
    }

    private static void percentEncode(StringBuilder key, String value) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xff;
            if (unsigned < 0x20 || unsigned >= 0x7f || "%{},=".indexOf(unsigned) >= 0) {
                key.append('%').append(HEX_UPPER.toHexDigits((byte) unsigned));
            } else {
                key.append((char) unsigned);
            }
        }
    }
}
