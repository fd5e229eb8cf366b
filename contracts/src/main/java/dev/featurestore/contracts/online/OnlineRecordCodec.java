package dev.featurestore.contracts.online;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The one codec of online records (format version 1), used by every writer and reader. Layout, big-endian:
 *
 * <pre>
 * offset  size  what
 * 0       1     format version: 1
 * 1       8     schema fingerprint of the writer's fields ({@link OnlineSchema#fingerprint()})
 * 9       8     event timestamp, microseconds since the epoch (signed)
 * 17      8     created timestamp, microseconds since the epoch; Long.MIN_VALUE when absent
 * 25      n/8   null bitmap, ceil(fields / 8) bytes: bit (i mod 8) of byte (i / 8) set when field i is null
 * ...           the non-null values in field order:
 *               BOOL 1 byte (0 or 1); INT32 4; INT64 8; FLOAT32 4 (IEEE 754); FLOAT64 8;
 *               UNIX_TIMESTAMP 8 (microseconds since the epoch); STRING (UTF-8) and BYTES: length as an
 *               unsigned LEB128 varint, then the bytes; a list: element count (varint), a null bitmap of
 *               the elements as above, then the non-null elements as the scalars above
 * </pre>
 *
 * A float feature costs 8 bytes plus its share of the 25-byte header and the bitmap. Java types: BOOL
 * {@link Boolean}, INT32 {@link Integer}, INT64 {@link Long}, FLOAT32 {@link Float}, FLOAT64 {@link Double},
 * STRING {@link String}, BYTES {@code byte[]}, UNIX_TIMESTAMP {@link Instant} (truncated to microseconds),
 * lists {@link List} of those (elements may be null).
 */
public final class OnlineRecordCodec {
    public static final int FORMAT_VERSION = 1;
    /** Where the event timestamp starts; the created timestamp follows it (a Redis script compares both). */
    public static final int EVENT_TIMESTAMP_OFFSET = 9;
    public static final int HEADER_SIZE = 25;
    static final long ABSENT = Long.MIN_VALUE;

    private OnlineRecordCodec() {
    }

    /**
     * Encodes a record of {@code schema}.
     *
     * @throws IllegalArgumentException naming the field whose value is not of its type, or when the record has
     *     another number of values than the schema has fields
     */
    public static byte[] encode(OnlineSchema schema, OnlineRecord record) {
        requireNonNull(schema, "schema is null");
        requireNonNull(record, "record is null");
        List<Object> values = record.values();
        if (values.size() != schema.size()) {
            throw new IllegalArgumentException("record has %d values, schema %d fields".formatted(values.size(), schema.size()));
        }
        Output out = new Output(HEADER_SIZE + (schema.size() + 7) / 8 + 8 * schema.size());
        out.write(FORMAT_VERSION);
        out.writeLong(schema.fingerprint());
        out.writeLong(micros(record.eventTimestamp()));
        out.writeLong(micros(record.createdTimestamp()));
        byte[] nulls = new byte[(schema.size() + 7) / 8];
        for (int index = 0; index < values.size(); index++) {
            if (values.get(index) == null) {
                nulls[index / 8] |= (byte) (1 << (index % 8));
            }
        }
        out.write(nulls);
        for (int index = 0; index < values.size(); index++) {
            Object value = values.get(index);
            if (value != null) {
                OnlineSchema.OnlineField field = schema.fields().get(index);
                writeValue(out, field.type(), value, field.name());
            }
        }
        return out.toByteArray();
    }

    /** The fingerprint of the schema the record was written with. */
    public static long fingerprint(byte[] record) {
        checkHeader(record);
        return ByteBuffer.wrap(record, 1, 8).getLong();
    }

    /** The record's event timestamp, without decoding its values. */
    public static Instant eventTimestamp(byte[] record) {
        checkHeader(record);
        return fromMicros(ByteBuffer.wrap(record, EVENT_TIMESTAMP_OFFSET, 8).getLong());
    }

    /**
     * Decodes a record written with {@code writer}, answering its values in {@code reader}'s field order: a
     * field the writer had answers its value (an INT32 read as INT64, a FLOAT32 read as FLOAT64), a field it
     * did not have (added since) or had with another type answers null.
     *
     * @throws IllegalArgumentException when the record was not written with {@code writer}, or is malformed
     */
    public static OnlineRecord decode(byte[] record, OnlineSchema writer, OnlineSchema reader) {
        requireNonNull(reader, "reader is null");
        OnlineRecord written = decode(record, writer);
        if (writer.equals(reader)) {
            return written;
        }
        List<Object> values = new ArrayList<>(reader.size());
        for (OnlineSchema.OnlineField field : reader.fields()) {
            int index = writer.indexOf(field.name());
            values.add(index < 0 ? null : convert(written.values().get(index), writer.fields().get(index).type(), field.type()));
        }
        return new OnlineRecord(written.eventTimestamp(), written.createdTimestamp(), values);
    }

    /**
     * Decodes a record written with {@code schema}.
     *
     * @throws IllegalArgumentException when the record was not written with {@code schema}, or is malformed
     */
    public static OnlineRecord decode(byte[] record, OnlineSchema schema) {
        requireNonNull(schema, "schema is null");
        long fingerprint = fingerprint(record);
        if (fingerprint != schema.fingerprint()) {
            throw new IllegalArgumentException("record written with schema %016x, not %s (%016x)".formatted(fingerprint, schema, schema.fingerprint()));
        }
        Input in = new Input(record, EVENT_TIMESTAMP_OFFSET);
        Instant event = fromMicros(in.readLong());
        long createdMicros = in.readLong();
        byte[] nulls = in.readBytes((schema.size() + 7) / 8);
        List<Object> values = new ArrayList<>(schema.size());
        for (int index = 0; index < schema.size(); index++) {
            boolean isNull = (nulls[index / 8] & (1 << (index % 8))) != 0;
            values.add(isNull ? null : readValue(in, schema.fields().get(index).type()));
        }
        if (in.remaining() != 0) {
            throw new IllegalArgumentException("record has %d bytes after its last value".formatted(in.remaining()));
        }
        return new OnlineRecord(event, createdMicros == ABSENT ? null : fromMicros(createdMicros), values);
    }

    static long micros(Instant instant) {
        if (instant == null) {
            return ABSENT;
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant fromMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static void checkHeader(byte[] record) {
        requireNonNull(record, "record is null");
        if (record.length < HEADER_SIZE) {
            throw new IllegalArgumentException("record of %d bytes is shorter than the %d-byte header".formatted(record.length, HEADER_SIZE));
        }
        if (record[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException("record format version %d is not %d".formatted(record[0], FORMAT_VERSION));
        }
    }

    private static Object convert(Object value, ValueType from, ValueType to) {
        if (value == null || from == to) {
            return value;
        }
        if (from == ValueType.INT32 && to == ValueType.INT64) {
            return ((Integer) value).longValue();
        }
        if (from == ValueType.FLOAT32 && to == ValueType.FLOAT64) {
            return ((Float) value).doubleValue();
        }
        return null;
    }

    private static void writeValue(Output out, ValueType type, Object value, String field) {
        if (type.isList()) {
            if (!(value instanceof List<?> list)) {
                throw wrongType(field, type, value);
            }
            out.writeVarint(list.size());
            byte[] nulls = new byte[(list.size() + 7) / 8];
            for (int index = 0; index < list.size(); index++) {
                if (list.get(index) == null) {
                    nulls[index / 8] |= (byte) (1 << (index % 8));
                }
            }
            out.write(nulls);
            for (Object element : list) {
                if (element != null) {
                    writeScalar(out, type.elementType(), element, field);
                }
            }
            return;
        }
        writeScalar(out, type, value, field);
    }

    private static void writeScalar(Output out, ValueType type, Object value, String field) {
        switch (type) {
            case BOOL -> out.write(cast(value, Boolean.class, field, type) ? 1 : 0);
            case INT32 -> out.writeInt(cast(value, Integer.class, field, type));
            case INT64 -> out.writeLong(cast(value, Long.class, field, type));
            case FLOAT32 -> out.writeInt(Float.floatToRawIntBits(cast(value, Float.class, field, type)));
            case FLOAT64 -> out.writeLong(Double.doubleToRawLongBits(cast(value, Double.class, field, type)));
            case UNIX_TIMESTAMP -> out.writeLong(micros(cast(value, Instant.class, field, type)));
            case STRING -> {
                byte[] bytes = cast(value, String.class, field, type).getBytes(StandardCharsets.UTF_8);
                out.writeVarint(bytes.length);
                out.write(bytes);
            }
            case BYTES -> {
                byte[] bytes = cast(value, byte[].class, field, type);
                out.writeVarint(bytes.length);
                out.write(bytes);
            }
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalArgumentException("field '%s': a list inside a list is not a value".formatted(field));
        }
    }

    private static Object readValue(Input in, ValueType type) {
        if (type.isList()) {
            int count = in.readVarint();
            byte[] nulls = in.readBytes((count + 7) / 8);
            List<Object> list = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                boolean isNull = (nulls[index / 8] & (1 << (index % 8))) != 0;
                list.add(isNull ? null : readScalar(in, type.elementType()));
            }
            return Collections.unmodifiableList(list);
        }
        return readScalar(in, type);
    }

    private static Object readScalar(Input in, ValueType type) {
        return switch (type) {
            case BOOL -> in.readByte() != 0;
            case INT32 -> in.readInt();
            case INT64 -> in.readLong();
            case FLOAT32 -> Float.intBitsToFloat(in.readInt());
            case FLOAT64 -> Double.longBitsToDouble(in.readLong());
            case UNIX_TIMESTAMP -> fromMicros(in.readLong());
            case STRING -> new String(in.readBytes(in.readVarint()), StandardCharsets.UTF_8);
            case BYTES -> in.readBytes(in.readVarint());
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                    throw new IllegalStateException("list element type " + type);
        };
    }

    private static <T> T cast(Object value, Class<T> type, String field, ValueType valueType) {
        if (!type.isInstance(value)) {
            throw wrongType(field, valueType, value);
        }
        return type.cast(value);
    }

    private static IllegalArgumentException wrongType(String field, ValueType type, Object value) {
        return new IllegalArgumentException("field '%s' of type %s cannot hold %s".formatted(field, type, value.getClass().getSimpleName()));
    }

    /** A growing big-endian byte buffer. */
    private static final class Output {
        private byte[] bytes;
        private int size;

        Output(int capacity) {
            bytes = new byte[Math.max(capacity, 32)];
        }

        void write(int value) {
            ensure(1);
            bytes[size++] = (byte) value;
        }

        void write(byte[] values) {
            ensure(values.length);
            System.arraycopy(values, 0, bytes, size, values.length);
            size += values.length;
        }

        void writeInt(int value) {
            writeBigEndian(value, 4);
        }

        void writeLong(long value) {
            writeBigEndian(value, 8);
        }

        private void writeBigEndian(long value, int count) {
            ensure(count);
            for (int shift = 8 * (count - 1); shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void writeVarint(int value) {
            int rest = value;
            while ((rest & ~0x7f) != 0) {
                write((rest & 0x7f) | 0x80);
                rest >>>= 7;
            }
            write(rest);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Reads what {@link Output} wrote, failing on a truncated record. */
    private static final class Input {
        private final byte[] bytes;
        private int position;

        Input(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        int remaining() {
            return bytes.length - position;
        }

        byte readByte() {
            need(1);
            return bytes[position++];
        }

        int readInt() {
            return (int) readBigEndian(4);
        }

        long readLong() {
            return readBigEndian(8);
        }

        private long readBigEndian(int count) {
            need(count);
            long value = 0;
            for (int index = 0; index < count; index++) {
                value = (value << 8) | (bytes[position++] & 0xff);
            }
            return value;
        }

        int readVarint() {
            int value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int next = readByte() & 0xff;
                value |= (next & 0x7f) << shift;
                if ((next & 0x80) == 0) {
                    if (value < 0) {
                        throw new IllegalArgumentException("record holds a negative length at byte %d".formatted(position));
                    }
                    return value;
                }
            }
            throw new IllegalArgumentException("record holds a varint longer than 5 bytes at byte %d".formatted(position));
        }

        byte[] readBytes(int count) {
            need(count);
            byte[] result = Arrays.copyOfRange(bytes, position, position + count);
            position += count;
            return result;
        }

        private void need(int count) {
            if (count > bytes.length - position) {
                throw new IllegalArgumentException("record is truncated: %d bytes needed at byte %d of %d".formatted(count, position, bytes.length));
            }
        }
    }
}
