package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of one schema to one Parquet object through an {@link ObjectStore}, without Hadoop at run
 * time. The object appears on {@link #commit()}; closing without a commit (after an exception) aborts
 * and leaves no object:
 *
 * <pre>{@code
 * try (ParquetRowWriter writer = ParquetRowWriter.create(store, uri, schema, ParquetWriteOptions.DEFAULTS)) {
 *     rows.forEach(writer::write);
 *     writer.commit();
 * }
 * }</pre>
 */
public final class ParquetRowWriter implements AutoCloseable {
    private final StorageUri uri;
    private final RowSchema schema;
    private final ObjectWriter objectWriter;
    private final ParquetWriter<Row> parquetWriter;
    private long rows;
    private boolean finished;

    private ParquetRowWriter(StorageUri uri, RowSchema schema, ObjectWriter objectWriter, ParquetWriter<Row> parquetWriter) {
        this.uri = uri;
        this.schema = schema;
        this.objectWriter = objectWriter;
        this.parquetWriter = parquetWriter;
    }

    public static ParquetRowWriter create(ObjectStore store, StorageUri uri, RowSchema schema, ParquetWriteOptions options) {
        requireNonNull(store, "store is null");
        requireNonNull(uri, "uri is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(options, "options is null");
        MessageType parquetSchema = ParquetTypes.toParquet(schema);
        ObjectWriter objectWriter = store.create(uri);
        try {
            ParquetWriter<Row> parquetWriter = new Builder(new ObjectOutputFile(uri, objectWriter), parquetSchema)
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(ParquetCodecs.INSTANCE)
                    .withCompressionCodec(options.codec())
                    .withRowGroupSize(options.rowGroupSizeBytes())
                    .withRowGroupRowCountLimit(options.rowGroupRowLimit())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build();
            return new ParquetRowWriter(uri, schema, objectWriter, parquetWriter);
        } catch (IOException | RuntimeException e) {
            closeQuietly(objectWriter, e);
            throw new OfflineStoreException("cannot start writing %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    /** Writes every row and commits: the object exists with all rows, or not at all. */
    public static long writeAll(ObjectStore store, StorageUri uri, RowSchema schema, Iterable<Row> rows, ParquetWriteOptions options) {
        try (ParquetRowWriter writer = create(store, uri, schema, options)) {
            for (Row row : rows) {
                writer.write(row);
            }
            return writer.commit();
        }
    }

    public void write(Row row) {
        requireNonNull(row, "row is null");
        if (finished) {
            throw new IllegalStateException("writer of %s already finished".formatted(uri));
        }
        if (!row.schema().equals(schema)) {
            throw new IllegalArgumentException("row %d for %s has columns %s, the writer %s".formatted(rows, uri, row.schema().columns(), schema.columns()));
        }
        try {
            parquetWriter.write(row);
            rows++;
        } catch (IOException e) {
            throw new OfflineStoreException("cannot write row %d to %s: %s".formatted(rows, uri, e.getMessage()), e);
        }
    }

    /** Finishes the Parquet file and makes the object visible; returns the number of rows. */
    public long commit() {
        if (finished) {
            throw new IllegalStateException("writer of %s already finished".formatted(uri));
        }
        finished = true;
        try {
            parquetWriter.close();
            objectWriter.commit();
            return rows;
        } catch (IOException | RuntimeException e) {
            closeQuietly(objectWriter, e);
            throw new OfflineStoreException("cannot finish %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            objectWriter.close();
        } catch (IOException e) {
            throw new OfflineStoreException("cannot abort %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    private static void closeQuietly(ObjectWriter writer, Exception failure) {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final MessageType schema;

        Builder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration configuration) {
            return new RowWriteSupport(schema);
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration configuration) {
            return new RowWriteSupport(schema);
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final MessageType schema;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Row row) {
            consumer.startMessage();
            for (int index = 0; index < row.values().size(); index++) {
                Object value = row.get(index);
                if (value == null) {
                    continue;
                }
                Column column = row.schema().column(index);
                consumer.startField(column.name(), index);
                if (column.type().isList()) {
                    writeList(column.type().elementType(), (List<?>) value);
                } else {
                    writeValue(column.type(), value);
                }
                consumer.endField(column.name(), index);
            }
            consumer.endMessage();
        }

        /** {@code group (LIST) { repeated group list { optional element } }}: an empty list is a group without the repeated field. */
        private void writeList(ValueType elementType, List<?> values) {
            consumer.startGroup();
            if (!values.isEmpty()) {
                consumer.startField(ParquetTypes.LIST_FIELD, 0);
                for (Object element : values) {
                    consumer.startGroup();
                    if (element != null) {
                        consumer.startField(ParquetTypes.ELEMENT_FIELD, 0);
                        writeValue(elementType, element);
                        consumer.endField(ParquetTypes.ELEMENT_FIELD, 0);
                    }
                    consumer.endGroup();
                }
                consumer.endField(ParquetTypes.LIST_FIELD, 0);
            }
            consumer.endGroup();
        }

        private void writeValue(ValueType type, Object value) {
            switch (type) {
                case BOOL -> consumer.addBoolean((Boolean) value);
                case INT32 -> consumer.addInteger((Integer) value);
                case INT64 -> consumer.addLong((Long) value);
                case FLOAT32 -> consumer.addFloat((Float) value);
                case FLOAT64 -> consumer.addDouble((Double) value);
                case STRING -> consumer.addBinary(Binary.fromString((String) value));
                case BYTES -> consumer.addBinary(Binary.fromConstantByteArray((byte[]) value));
                case UNIX_TIMESTAMP -> consumer.addLong(Timestamps.toMicros((Instant) value));
                case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                        throw new IllegalArgumentException("a list of lists (%s) is not written".formatted(type));
            }
        }
    }
}
