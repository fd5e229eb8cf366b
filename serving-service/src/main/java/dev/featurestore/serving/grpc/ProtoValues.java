package dev.featurestore.serving.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.JsonTimestamps;
import dev.featurestore.contracts.json.JsonTypedValues;
import feast.proto.types.ValueProto;
import feast.proto.types.ValueProto.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Feast's {@code feast.types.Value} on the way in and out. In: a value becomes what the same value in a JSON body
 * gives the domain (numbers, strings, booleans, lists, null), so HTTP and gRPC are typed and checked by one
 * conversion ({@link JsonTypedValues}): bytes as base64 text, {@code unix_timestamp_val} (epoch seconds, Feast's) as
 * RFC 3339 text. Out: a typed value becomes the {@code Value} of its type: INT32 {@code int32_val}, INT64
 * {@code int64_val}, FLOAT32 {@code float_val}, FLOAT64 {@code double_val}, BOOL, STRING, BYTES, UNIX_TIMESTAMP
 * {@code unix_timestamp_val} (epoch seconds: sub-second digits are dropped, as Feast keeps them), lists the
 * {@code *_list_val} of their element type; null is a {@code Value} with nothing set (Feast's null). A list holding a
 * null element, which Feast's typed lists cannot carry, is a {@code list_val} of {@code Value}s.
 */
final class ProtoValues {
    private static final Value NULL = Value.getDefaultInstance();
    private static final long MIN_SECONDS = JsonTimestamps.MIN.getEpochSecond();
    private static final long MAX_SECONDS = JsonTimestamps.MAX.getEpochSecond();

    private ProtoValues() {
    }

    /**
     * A request value as the domain takes it.
     *
     * @throws IllegalArgumentException for a kind of value no feature type has (maps, sets, JSON, ...) or a timestamp
     *     out of range, saying which
     */
    static Object toRequestValue(Value value) {
        return switch (value.getValCase()) {
            case VAL_NOT_SET, NULL_VAL -> null;
            case BYTES_VAL -> base64(value.getBytesVal());
            case STRING_VAL -> value.getStringVal();
            case INT32_VAL -> value.getInt32Val();
            case INT64_VAL -> value.getInt64Val();
            case DOUBLE_VAL -> value.getDoubleVal();
            case FLOAT_VAL -> value.getFloatVal();
            case BOOL_VAL -> value.getBoolVal();
            case UNIX_TIMESTAMP_VAL -> timestamp(value.getUnixTimestampVal());
            case ZONED_TIMESTAMP_VAL -> timestamp(value.getZonedTimestampVal().getUnixTimestamp());
            case BYTES_LIST_VAL -> value.getBytesListVal().getValList().stream().map(ProtoValues::base64).toList();
            case STRING_LIST_VAL -> List.copyOf(value.getStringListVal().getValList());
            case INT32_LIST_VAL -> List.copyOf(value.getInt32ListVal().getValList());
            case INT64_LIST_VAL -> List.copyOf(value.getInt64ListVal().getValList());
            case DOUBLE_LIST_VAL -> List.copyOf(value.getDoubleListVal().getValList());
            case FLOAT_LIST_VAL -> List.copyOf(value.getFloatListVal().getValList());
            case BOOL_LIST_VAL -> List.copyOf(value.getBoolListVal().getValList());
            case UNIX_TIMESTAMP_LIST_VAL -> value.getUnixTimestampListVal().getValList().stream().map(ProtoValues::timestamp).toList();
            case LIST_VAL -> {
                List<Object> elements = new ArrayList<>(value.getListVal().getValCount());
                for (Value element : value.getListVal().getValList()) {
                    elements.add(toRequestValue(element));
                }
                yield Collections.unmodifiableList(elements);
            }
            default -> throw new IllegalArgumentException("%s is not a kind of value any feature type has (use the *_val or *_list_val of the field's type)"
                    .formatted(value.getValCase().name().toLowerCase(Locale.ROOT)));
        };
    }

    /**
     * An answered value (Java types as the online record codec holds them) as Feast's {@code Value}.
     *
     * @param type the column's type, asked for only when the value alone does not tell it (an empty list)
     */
    static Value toProto(Object value, TypeLookup type) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof List<?> list) {
            return list(list, type);
        }
        if (value instanceof Boolean bool) {
            return Value.newBuilder().setBoolVal(bool).build();
        }
        if (value instanceof Integer integer) {
            return Value.newBuilder().setInt32Val(integer).build();
        }
        if (value instanceof Long integer) {
            return Value.newBuilder().setInt64Val(integer).build();
        }
        if (value instanceof Float number) {
            return Value.newBuilder().setFloatVal(number).build();
        }
        if (value instanceof Double number) {
            return Value.newBuilder().setDoubleVal(number).build();
        }
        if (value instanceof String text) {
            return Value.newBuilder().setStringVal(text).build();
        }
        if (value instanceof byte[] bytes) {
            return Value.newBuilder().setBytesVal(ByteString.copyFrom(bytes)).build();
        }
        if (value instanceof Instant instant) {
            return Value.newBuilder().setUnixTimestampVal(instant.getEpochSecond()).build();
        }
        throw new IllegalStateException("no Feast value for a " + value.getClass().getName());
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** The type of an answer column, when the values alone do not tell it. */
    @FunctionalInterface
    interface TypeLookup {
        Optional<ValueType> type();
    }

    private static Value list(List<?> list, TypeLookup type) {
        if (list.isEmpty()) {
            return emptyList(type.type().orElse(null));
        }
        if (hasNull(list)) {
            ValueProto.RepeatedValue.Builder elements = ValueProto.RepeatedValue.newBuilder();
            list.forEach(element -> elements.addVal(toProto(element, type)));
            return Value.newBuilder().setListVal(elements).build();
        }
        Object first = list.get(0);
        Value.Builder builder = Value.newBuilder();
        if (first instanceof Boolean) {
            builder.setBoolListVal(ValueProto.BoolList.newBuilder().addAllVal(elements(list, Boolean.class)));
        } else if (first instanceof Integer) {
            builder.setInt32ListVal(ValueProto.Int32List.newBuilder().addAllVal(elements(list, Integer.class)));
        } else if (first instanceof Long) {
            builder.setInt64ListVal(ValueProto.Int64List.newBuilder().addAllVal(elements(list, Long.class)));
        } else if (first instanceof Float) {
            builder.setFloatListVal(ValueProto.FloatList.newBuilder().addAllVal(elements(list, Float.class)));
        } else if (first instanceof Double) {
            builder.setDoubleListVal(ValueProto.DoubleList.newBuilder().addAllVal(elements(list, Double.class)));
        } else if (first instanceof String) {
            builder.setStringListVal(ValueProto.StringList.newBuilder().addAllVal(elements(list, String.class)));
        } else if (first instanceof byte[]) {
            builder.setBytesListVal(ValueProto.BytesList.newBuilder().addAllVal(elements(list, byte[].class).stream().map(ByteString::copyFrom).toList()));
        } else if (first instanceof Instant) {
            builder.setUnixTimestampListVal(ValueProto.Int64List.newBuilder().addAllVal(elements(list, Instant.class).stream().map(Instant::getEpochSecond).toList()));
        } else {
            throw new IllegalStateException("no Feast list for elements of type " + first.getClass().getName());
        }
        return builder.build();
    }

    /** Whether a list holds a null (asked without {@code contains}, which immutable lists refuse a null to). */
    private static boolean hasNull(List<?> list) {
        for (Object element : list) {
            if (element == null) {
                return true;
            }
        }
        return false;
    }

    private static Value emptyList(ValueType type) {
        if (type == null) {
            return Value.newBuilder().setListVal(ValueProto.RepeatedValue.getDefaultInstance()).build();
        }
        Value.Builder builder = Value.newBuilder();
        switch (type.elementType()) {
            case BOOL -> builder.setBoolListVal(ValueProto.BoolList.getDefaultInstance());
            case INT32 -> builder.setInt32ListVal(ValueProto.Int32List.getDefaultInstance());
            case INT64 -> builder.setInt64ListVal(ValueProto.Int64List.getDefaultInstance());
            case FLOAT32 -> builder.setFloatListVal(ValueProto.FloatList.getDefaultInstance());
            case FLOAT64 -> builder.setDoubleListVal(ValueProto.DoubleList.getDefaultInstance());
            case STRING -> builder.setStringListVal(ValueProto.StringList.getDefaultInstance());
            case BYTES -> builder.setBytesListVal(ValueProto.BytesList.getDefaultInstance());
            case UNIX_TIMESTAMP -> builder.setUnixTimestampListVal(ValueProto.Int64List.getDefaultInstance());
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalStateException("element type of " + type + " is a list");
        }
        return builder.build();
    }

    /** The elements, each of {@code type} (a list mixing types is a defect of the answer, not of the request). */
    private static <T> List<T> elements(List<?> list, Class<T> type) {
        List<T> elements = new ArrayList<>(list.size());
        for (Object element : list) {
            elements.add(type.cast(element));
        }
        return elements;
    }

    private static String base64(ByteString bytes) {
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** Epoch seconds as the RFC 3339 text the domain parses; out of its range: a message naming the seconds. */
    private static String timestamp(long epochSeconds) {
        if (epochSeconds < MIN_SECONDS || epochSeconds > MAX_SECONDS) {
            throw new IllegalArgumentException("%d (epoch seconds) is outside the timestamps accepted (%s to %s)"
                    .formatted(epochSeconds, JsonTimestamps.MIN, JsonTimestamps.MAX));
        }
        return Instant.ofEpochSecond(epochSeconds).toString();
    }
}
