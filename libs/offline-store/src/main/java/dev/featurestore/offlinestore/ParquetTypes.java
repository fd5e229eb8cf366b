package dev.featurestore.offlinestore;

import dev.featurestore.contracts.definition.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * {@code INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true)}. Read timestamps may be in MILLIS, MICROS or NANOS.
 */
final class ParquetTypes {
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
        return switch (column.type()) {
            case BOOL -> Types.optional(PrimitiveTypeName.BOOLEAN).named(column.name());
            case INT32 -> Types.optional(PrimitiveTypeName.INT32).named(column.name());
            case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(column.name());
            case FLOAT32 -> Types.optional(PrimitiveTypeName.FLOAT).named(column.name());
            case FLOAT64 -> Types.optional(PrimitiveTypeName.DOUBLE).named(column.name());
            case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column.name());
            case BYTES -> Types.optional(PrimitiveTypeName.BINARY).named(column.name());
            case UNIX_TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(column.name());
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new UnsupportedOperationException("column '%s': list types (%s) are not written to Parquet yet"
                            .formatted(column.name(), column.type()));
        };
    }

    /**
     * The value type of a top-level Parquet column.
     *
     * @throws OfflineStoreException naming the object and column when the column has no mapping
     */
    static ValueType valueType(Type field, StorageUri source) {
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            throw unsupported(field, source);
        }
        PrimitiveType primitive = field.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        return switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> ValueType.BOOL;
            case INT32 -> {
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
            case INT96 -> throw unsupported(field, source);
        };
    }

    /** The unit of an INT64 timestamp column. */
    static TimeUnit timestampUnit(PrimitiveType column) {
        return ((TimestampLogicalTypeAnnotation) column.getLogicalTypeAnnotation()).getUnit();
    }

    static Instant toInstant(long value, TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> Instant.ofEpochMilli(value);
            case MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            case NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
    }

    private static OfflineStoreException unsupported(Type field, StorageUri source) {
        return new OfflineStoreException("%s: column '%s' has Parquet type '%s', which has no value type here"
                .formatted(source, field.getName(), field.toString().trim()));
    }
}
