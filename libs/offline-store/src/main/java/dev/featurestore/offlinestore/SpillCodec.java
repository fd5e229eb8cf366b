package dev.featurestore.offlinestore;

import dev.featurestore.contracts.definition.ValueType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Batches in spill files: the row count, then column by column a null flag per row and the non-null
 * values. Only this process reads what it wrote, so the format carries no schema and no version.
 */
public final class SpillCodec {
    private SpillCodec() {
    }

    /** Writes the rows {@code rows[0..count)} of {@code batch}. */
    public static void write(DataOutput output, ColumnBatch batch, int[] rows, int count) throws IOException {
        output.writeInt(count);
        for (ColumnVector vector : batch.vectors()) {
            for (int index = 0; index < count; index++) {
                output.writeBoolean(vector.isNull(rows[index]));
            }
            for (int index = 0; index < count; index++) {
                int row = rows[index];
                if (vector.isNull(row)) {
                    continue;
                }
                switch (ColumnVector.storage(vector.type())) {
                    case LONG -> output.writeLong(vector.getLong(row));
                    case DOUBLE -> output.writeDouble(vector.getDouble(row));
                    case OBJECT -> writeObject(output, vector.type(), vector.get(row));
                }
            }
        }
    }

    /** The next batch, or empty at the end of the file. */
    public static Optional<ColumnBatch> read(DataInput input, RowSchema schema) throws IOException {
        int count;
        try {
            count = input.readInt();
        } catch (EOFException end) {
            return Optional.empty();
        }
        List<ColumnVector> vectors = new ArrayList<>(schema.size());
        boolean[] nulls = new boolean[count];
        for (Column column : schema.columns()) {
            ColumnVector.Builder builder = ColumnVector.builder(column, count);
            for (int index = 0; index < count; index++) {
                nulls[index] = input.readBoolean();
            }
            for (int index = 0; index < count; index++) {
                if (nulls[index]) {
                    builder.appendNull();
                    continue;
                }
                switch (ColumnVector.storage(column.type())) {
                    case LONG -> builder.appendLong(input.readLong());
                    case DOUBLE -> builder.appendDouble(input.readDouble());
                    case OBJECT -> builder.append(readObject(input, column.type()));
                }
            }
            vectors.add(builder.build());
        }
        return Optional.of(new ColumnBatch(schema, count, vectors));
    }

    private static void writeObject(DataOutput output, ValueType type, Object value) throws IOException {
        switch (type) {
            case STRING -> writeBytes(output, ((String) value).getBytes(StandardCharsets.UTF_8));
            case BYTES -> writeBytes(output, (byte[]) value);
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST -> {
                List<?> list = (List<?>) value;
                output.writeInt(list.size());
                for (Object element : list) {
                    output.writeBoolean(element == null);
                    if (element != null) {
                        writeElement(output, element);
                    }
                }
            }
            case BOOL, INT32, INT64, FLOAT32, FLOAT64, UNIX_TIMESTAMP -> throw new IllegalStateException("%s is not held as an object".formatted(type));
        }
    }

    private static void writeElement(DataOutput output, Object element) throws IOException {
        if (element instanceof Boolean value) {
            output.writeBoolean(value);
        } else if (element instanceof Integer value) {
            output.writeInt(value);
        } else if (element instanceof Long value) {
            output.writeLong(value);
        } else if (element instanceof Float value) {
            output.writeFloat(value);
        } else if (element instanceof Double value) {
            output.writeDouble(value);
        } else if (element instanceof String value) {
            writeBytes(output, value.getBytes(StandardCharsets.UTF_8));
        } else if (element instanceof byte[] value) {
            writeBytes(output, value);
        } else if (element instanceof Instant value) {
            output.writeLong(value.getEpochSecond());
            output.writeInt(value.getNano());
        } else {
            throw new IllegalStateException("a list element of type %s cannot be spilled".formatted(element.getClass().getSimpleName()));
        }
    }

    private static Object readObject(DataInput input, ValueType type) throws IOException {
        return switch (type) {
            case STRING -> new String(readBytes(input), StandardCharsets.UTF_8);
            case BYTES -> readBytes(input);
            case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST -> {
                int size = input.readInt();
                List<Object> list = new ArrayList<>(size);
                for (int index = 0; index < size; index++) {
                    list.add(input.readBoolean() ? null : readElement(input, type));
                }
                yield list;
            }
            case BOOL, INT32, INT64, FLOAT32, FLOAT64, UNIX_TIMESTAMP -> throw new IllegalStateException("%s is not held as an object".formatted(type));
        };
    }

    private static Object readElement(DataInput input, ValueType listType) throws IOException {
        return switch (listType) {
            case BOOL_LIST -> input.readBoolean();
            case INT32_LIST -> input.readInt();
            case INT64_LIST -> input.readLong();
            case FLOAT32_LIST -> input.readFloat();
            case FLOAT64_LIST -> input.readDouble();
            case STRING_LIST -> new String(readBytes(input), StandardCharsets.UTF_8);
            case BYTES_LIST -> readBytes(input);
            case UNIX_TIMESTAMP_LIST -> Instant.ofEpochSecond(input.readLong(), input.readInt());
            case BOOL, INT32, INT64, FLOAT32, FLOAT64, STRING, BYTES, UNIX_TIMESTAMP -> throw new IllegalStateException("%s is not a list type".formatted(listType));
        };
    }

    private static void writeBytes(DataOutput output, byte[] bytes) throws IOException {
        output.writeInt(bytes.length);
        output.write(bytes);
    }

    private static byte[] readBytes(DataInput input) throws IOException {
        byte[] bytes = new byte[input.readInt()];
        input.readFully(bytes);
        return bytes;
    }
}
