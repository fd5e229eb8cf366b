package dev.featurestore.offlinestore;

import dev.featurestore.contracts.definition.ValueType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * {@link ValueType} to Parquet and back. Written columns are all {@code optional}; UNIX_TIMESTAMP is
 * {@code INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true)}; list types use the standard 3-level LIST layout with
 * optional elements. Read timestamps may be INT64 in MILLIS, MICROS or NANOS, INT96, or INT32 DATE (midnight
 * UTC); read lists may have 2 or 3 levels.
 */
final class ParquetTypes {
    static final String LIST_FIELD = "list";
    static final String ELEMENT_FIELD = "element";
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

    private ParquetTypes() {
    }

    static MessageType toParquet(RowSchema schema) {
        List<Type> fields = new ArrayList<>();
        for (Column column : schema.columns()) {
            fields.add(toParquet(column));
        }
        return new MessageType("row", fields);
    }

    private static Type toParquet(Column column) {
        if (column.type().isList()) {
            // the standard 3-level layout: optional group <name> (LIST) { repeated group list { optional <element> element } }
            return Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(optionalPrimitive(column.type().elementType(), ELEMENT_FIELD)).named(LIST_FIELD))
                    .named(column.name());
        }
        return optionalPrimitive(column.type(), column.name());
    }

    private static PrimitiveType optionalPrimitive(ValueType type, String name) {
        return switch (type) {
            case BOOL -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case INT32 -> Types.optional(PrimitiveTypeName.INT32).named(name);
            case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case FLOAT32 -> Types.optional(PrimitiveTypeName.FLOAT).named(name);
            case FLOAT64 -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
            case BYTES -> Types.optional(PrimitiveTypeName.BINARY).named(name);
            case UNIX_TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalArgumentException("'%s': a list of lists (%s) has no Parquet mapping here".formatted(name, type));
        };
    }

    /**
     * The value type of a top-level Parquet column.
     *
     * @throws OfflineStoreException naming the object and column when the column has no mapping
     */
    static ValueType valueType(Type field, StorageUri source) {
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            throw unsupported(field, source);
        }
        if (!field.isPrimitive()) {
            PrimitiveType element = listElement(field).orElseThrow(() -> unsupported(field, source)).element();
            return ValueType.valueOf(primitiveValueType(element, field, source).name() + "_LIST");
        }
        return primitiveValueType(field.asPrimitiveType(), field, source);
    }

    /**
     * How the values of a LIST column are nested, after the Parquet format's rules (including its backward
     * compatibility rules): {@code repeated} is the LIST group's repeated field, {@code element} the
     * primitive holding the values, which is {@code repeated} itself in the legacy 2-level layout.
     */
    record ListElement(Type repeated, PrimitiveType element) {
        /** Whether the element is a field of the repeated group (3 levels), so it can be null. */
        boolean elementNested() {
            return repeated != element;
        }
    }

    /** The element of a LIST column whose elements are primitive, or empty for any other field. */
    static Optional<ListElement> listElement(Type field) {
        if (field.isPrimitive() || !(field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
            return Optional.empty();
        }
        GroupType list = field.asGroupType();
        if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            return Optional.empty();
        }
        Type repeated = list.getType(0);
        if (repeated.isPrimitive()) {
            return Optional.of(new ListElement(repeated, repeated.asPrimitiveType()));
        }
        // 3 levels (repeated group list { element }); a one-field group named 'array' or '<name>_tuple' is
        // formally a struct of one field, read here as that field
        GroupType group = repeated.asGroupType();
        if (group.getFieldCount() != 1 || !group.getType(0).isPrimitive() || group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            return Optional.empty();
        }
        return Optional.of(new ListElement(repeated, group.getType(0).asPrimitiveType()));
    }

    private static ValueType primitiveValueType(PrimitiveType primitive, Type field, StorageUri source) {
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        return switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> ValueType.BOOL;
            case INT32 -> {
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield ValueType.UNIX_TIMESTAMP;
                }
                if (logical != null && !(logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation)) {
                    throw unsupported(field, source);
                }
                yield ValueType.INT32;
            }
            case INT64 -> {
                if (logical instanceof TimestampLogicalTypeAnnotation) {
                    yield ValueType.UNIX_TIMESTAMP;
                }
                if (logical != null && !(logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation)) {
                    throw unsupported(field, source);
                }
                yield ValueType.INT64;
            }
            case FLOAT -> ValueType.FLOAT32;
            case DOUBLE -> ValueType.FLOAT64;
            case BINARY -> {
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    yield ValueType.STRING;
                }
                if (logical != null) {
                    throw unsupported(field, source);
                }
                yield ValueType.BYTES;
            }
            case FIXED_LEN_BYTE_ARRAY -> {
                if (logical != null) {
                    throw unsupported(field, source);
                }
                yield ValueType.BYTES;
            }
            case INT96 -> ValueType.UNIX_TIMESTAMP;
        };
    }

    /** The unit of an INT64 timestamp column. */
    static TimeUnit timestampUnit(PrimitiveType column) {
        return ((TimestampLogicalTypeAnnotation) column.getLogicalTypeAnnotation()).getUnit();
    }

    /**
     * A min or max statistic of a UNIX_TIMESTAMP column as epoch microseconds, or empty when the column's
     * statistics do not order its values (INT96, compared as bytes).
     */
    static OptionalLong statisticMicros(Object statistic, PrimitiveType column) {
        return switch (column.getPrimitiveTypeName()) {
            case INT64 -> OptionalLong.of(toMicros((Long) statistic, timestampUnit(column)));
            case INT32 -> OptionalLong.of(dateMicros((Integer) statistic));
            case INT96, BOOLEAN, FLOAT, DOUBLE, BINARY, FIXED_LEN_BYTE_ARRAY -> OptionalLong.empty();
        };
    }

    /** A DATE (days since the epoch) as the epoch microseconds of its midnight, UTC. */
    static long dateMicros(int days) {
        return days * MICROS_PER_DAY;
    }

    /**
     * An INT96 timestamp (Impala, Hive and older Spark: 8 bytes of nanoseconds in the day, then 4 bytes of
     * Julian day, little-endian) as epoch microseconds, UTC.
     */
    static long int96Micros(Binary value) {
        ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = bytes.getLong(bytes.position());
        int julianDay = bytes.getInt(bytes.position() + 8);
        return (julianDay - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + Math.floorDiv(nanosOfDay, 1_000L);
    }

    /** A timestamp of {@code unit} as microseconds since the epoch (nanoseconds rounded toward the past). */
    static long toMicros(long value, TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> value * 1_000L;
            case MICROS -> value;
            case NANOS -> Math.floorDiv(value, 1_000L);
        };
    }

    private static OfflineStoreException unsupported(Type field, StorageUri source) {
        return new OfflineStoreException("%s: column '%s' has Parquet type '%s', which has no value type here"
                .formatted(source, field.getName(), field.toString().trim()));
    }
}
