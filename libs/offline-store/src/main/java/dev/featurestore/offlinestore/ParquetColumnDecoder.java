package dev.featurestore.offlinestore;

import dev.featurestore.contracts.definition.ValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Decodes one top-level column of a Parquet row group, a run of rows at a time, straight into the arrays of a
 * {@link ColumnVector}, page by page with parquet-column's page readers, dictionaries and value decoders: no
 * record, row or boxed value is built for a primitive column. Plain-encoded fixed-width values are read off
 * the page buffer directly. A LIST column is assembled from its repetition and definition levels. Not
 * thread-safe; one instance per column and object.
 */
final class ParquetColumnDecoder {
    private final Column column;
    private final ColumnDescriptor descriptor;
    private final ValueReader valueReader;
    private final int maxDefinition;
    /** For a LIST column, the definition level of a present but empty list; -1 for a primitive column. */
    private final int listDefinition;

    private PageReader pages;
    private Dictionary dictionary;
    /** Level entries (values, nulls, empty lists) left in the current page. */
    private int pageEntries;
    private ParquetLevels repetitionLevels;
    /** Null when the column cannot be null. */
    private ParquetLevels definitionLevels;
    /** The definition levels of the rows being decoded. */
    private int[] levels = new int[0];
    private ValuesReader values;
    /** The current page's values when plain-encoded and of a fixed width (little-endian), else null. */
    private ByteBuffer plainValues;
    /** The repetition level of the next entry once read ahead, else -1. */
    private int nextRepetition = -1;

    private ParquetColumnDecoder(Column column, ColumnDescriptor descriptor, ValueReader valueReader, int listDefinition) {
        this.column = column;
        this.descriptor = descriptor;
        this.valueReader = valueReader;
        this.maxDefinition = descriptor.getMaxDefinitionLevel();
        this.listDefinition = listDefinition;
    }

    /**
     * A decoder of the top-level field {@code column.name()} of {@code schema}, delivering values of
     * {@code column.type()} (as {@link ParquetTypes#valueType} maps the field).
     */
    static ParquetColumnDecoder create(Column column, MessageType schema) {
        Type field = schema.getType(column.name());
        if (!column.type().isList()) {
            PrimitiveType primitive = field.asPrimitiveType();
            return new ParquetColumnDecoder(column, schema.getColumnDescription(new String[] {field.getName()}),
                    ValueReader.of(column.type(), primitive), -1);
        }
        ParquetTypes.ListElement list = ParquetTypes.listElement(field).orElseThrow();
        String[] path = list.elementNested()
                ? new String[] {field.getName(), list.repeated().getName(), list.element().getName()}
                : new String[] {field.getName(), list.repeated().getName()};
        return new ParquetColumnDecoder(column, schema.getColumnDescription(path),
                ValueReader.of(column.type().elementType(), list.element()), schema.getMaxDefinitionLevel(field.getName()));
    }

    Column column() {
        return column;
    }

    /** Positions the decoder on the first row of a row group read with a schema containing this column. */
    void startRowGroup(PageReadStore rowGroup) {
        pages = rowGroup.getPageReader(descriptor);
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        try {
            dictionary = dictionaryPage == null ? null : dictionaryPage.getEncoding().initDictionary(descriptor, dictionaryPage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode the dictionary of column '%s'".formatted(column.name()), e);
        }
        pageEntries = 0;
        nextRepetition = -1;
    }

    /** Decodes the next {@code rows} rows of the row group. */
    ColumnVector decode(int rows) {
        if (listDefinition >= 0) {
            return decodeLists(rows);
        }
        return switch (ColumnVector.storage(column.type())) {
            case LONG -> decodeLongs(rows);
            case DOUBLE -> decodeDoubles(rows);
            case OBJECT -> decodeObjects(rows);
        };
    }

    /** Passes over the next {@code rows} rows of the row group. */
    void skip(int rows) {
        for (int row = 0; row < rows; row++) {
            do {
                if (nextDefinition() == maxDefinition) {
                    if (plainValues != null) {
                        plainValues.position(plainValues.position() + valueReader.width());
                    } else {
                        values.skip();
                    }
                }
            } while (nextContinuesRow());
        }
    }

    private ColumnVector decodeLongs(int rows) {
        long[] target = new long[rows];
        boolean[] nulls = null;
        boolean plainLongs = valueReader == ValueReader.INT64 || valueReader == ValueReader.TIMESTAMP_MICROS;
        for (int row = 0; row < rows; ) {
            int count = startEntries(rows - row);
            boolean allPresent = readDefinitionLevels(count);
            // one loop per way of reading, so that the per-value work is a straight line
            if (plainValues != null && plainLongs && allPresent) {
                plainValues.asLongBuffer().get(target, row, count);
                plainValues.position(plainValues.position() + 8 * count);
            } else if (plainValues != null && plainLongs) {
                for (int index = 0; index < count; index++) {
                    if (levels[index] == maxDefinition) {
                        target[row + index] = plainValues.getLong();
                    } else {
                        nulls = markNull(nulls, rows, row + index);
                    }
                }
            } else {
                for (int index = 0; index < count; index++) {
                    if (allPresent || levels[index] == maxDefinition) {
                        target[row + index] = readLong();
                    } else {
                        nulls = markNull(nulls, rows, row + index);
                    }
                }
            }
            row += count;
        }
        return ColumnVector.wrap(column, rows, target, null, null, nulls);
    }

    private ColumnVector decodeDoubles(int rows) {
        double[] target = new double[rows];
        boolean[] nulls = null;
        for (int row = 0; row < rows; ) {
            int count = startEntries(rows - row);
            boolean allPresent = readDefinitionLevels(count);
            if (plainValues != null && valueReader == ValueReader.DOUBLE && allPresent) {
                plainValues.asDoubleBuffer().get(target, row, count);
                plainValues.position(plainValues.position() + 8 * count);
            } else if (plainValues != null && valueReader == ValueReader.DOUBLE) {
                for (int index = 0; index < count; index++) {
                    if (levels[index] == maxDefinition) {
                        target[row + index] = plainValues.getDouble();
                    } else {
                        nulls = markNull(nulls, rows, row + index);
                    }
                }
            } else {
                for (int index = 0; index < count; index++) {
                    if (allPresent || levels[index] == maxDefinition) {
                        target[row + index] = readDouble();
                    } else {
                        nulls = markNull(nulls, rows, row + index);
                    }
                }
            }
            row += count;
        }
        return ColumnVector.wrap(column, rows, null, target, null, nulls);
    }

    private ColumnVector decodeObjects(int rows) {
        Object[] target = new Object[rows];
        boolean[] nulls = null;
        for (int row = 0; row < rows; ) {
            int count = startEntries(rows - row);
            boolean allPresent = readDefinitionLevels(count);
            for (int index = 0; index < count; index++) {
                if (allPresent || levels[index] == maxDefinition) {
                    target[row + index] = valueReader.readObject(values);
                } else {
                    nulls = markNull(nulls, rows, row + index);
                }
            }
            row += count;
        }
        return ColumnVector.wrap(column, rows, null, null, target, nulls);
    }

    /** Reads the definition levels of the next {@code count} entries into {@code levels} (left as is when all are present values); whether all are. */
    private boolean readDefinitionLevels(int count) {
        if (definitionLevels == null) {
            return true;
        }
        if (levels.length < count) {
            levels = new int[Math.max(count, 1024)];
        }
        return definitionLevels.read(levels, count, maxDefinition) == count;
    }

    /**
     * Definition levels of a list: below {@code listDefinition} the list is null, at it the list is empty,
     * above it each level entry is an element, present at {@code maxDefinition}, null below. An entry whose
     * repetition level is above 0 continues the row's list.
     */
    private ColumnVector decodeLists(int rows) {
        Object[] target = new Object[rows];
        boolean[] nulls = null;
        for (int row = 0; row < rows; row++) {
            int definition = nextDefinition();
            if (definition < listDefinition) {
                nulls = markNull(nulls, rows, row);
            } else if (definition == listDefinition) {
                target[row] = List.of();
            } else {
                List<Object> elements = new ArrayList<>();
                while (true) {
                    elements.add(definition == maxDefinition ? readElement() : null);
                    if (!nextContinuesRow()) {
                        break;
                    }
                    definition = nextDefinition();
                }
                target[row] = Collections.unmodifiableList(elements);
            }
        }
        return ColumnVector.wrap(column, rows, null, null, target, nulls);
    }

    /**
     * For a column without repetition: makes the current page have entries left and returns how many of
     * the next {@code wanted} rows it holds; the caller reads exactly that many levels and values.
     */
    private int startEntries(int wanted) {
        if (pageEntries == 0) {
            readPage();
        }
        int count = Math.min(wanted, pageEntries);
        pageEntries -= count;
        return count;
    }

    /** Consumes the next level entry and returns its definition level. */
    private int nextDefinition() {
        if (nextRepetition < 0) {
            if (pageEntries == 0) {
                readPage();
            }
            nextRepetition = repetitionLevels == null ? 0 : repetitionLevels.next();
        }
        nextRepetition = -1;
        pageEntries--;
        return definitionLevels == null ? maxDefinition : definitionLevels.next();
    }

    /** Whether the entry after the one consumed belongs to the same row (reads its repetition level ahead). */
    private boolean nextContinuesRow() {
        if (repetitionLevels == null) {
            return false;
        }
        if (nextRepetition < 0) {
            if (pageEntries == 0 && !readPageIfAny()) {
                return false;
            }
            nextRepetition = repetitionLevels.next();
        }
        return nextRepetition > 0;
    }

    private boolean readPageIfAny() {
        DataPage page = pages.readPage();
        if (page == null) {
            return false;
        }
        startPage(page);
        return true;
    }

    private void readPage() {
        if (!readPageIfAny()) {
            throw new ParquetDecodingException("column '%s' has fewer values than its row group has rows".formatted(column.name()));
        }
    }

    private void startPage(DataPage page) {
        try {
            pageEntries = page.getValueCount();
            ByteBufferInputStream data;
            Encoding encoding;
            if (page instanceof DataPageV1 v1) {
                data = v1.getBytes().toInputStream();
                repetitionLevels = levels(descriptor.getMaxRepetitionLevel(), v1.getRlEncoding(), ValuesType.REPETITION_LEVEL, data);
                definitionLevels = levels(maxDefinition, v1.getDlEncoding(), ValuesType.DEFINITION_LEVEL, data);
                encoding = v1.getValueEncoding();
            } else {
                DataPageV2 v2 = (DataPageV2) page;
                repetitionLevels = descriptor.getMaxRepetitionLevel() == 0 ? null
                        : ParquetLevels.hybrid(descriptor.getMaxRepetitionLevel(), v2.getRepetitionLevels().toByteBuffer());
                definitionLevels = maxDefinition == 0 ? null : ParquetLevels.hybrid(maxDefinition, v2.getDefinitionLevels().toByteBuffer());
                data = v2.getData().toInputStream();
                encoding = v2.getDataEncoding();
            }
            if (encoding == Encoding.PLAIN && valueReader.width() > 0) {
                plainValues = data.slice(data.available()).order(ByteOrder.LITTLE_ENDIAN);
                values = null;
            } else {
                plainValues = null;
                if (encoding.usesDictionary()) {
                    if (dictionary == null) {
                        throw new ParquetDecodingException("column '%s': a %s page without a dictionary".formatted(column.name(), encoding));
                    }
                    values = encoding.getDictionaryBasedValuesReader(descriptor, ValuesType.VALUES, dictionary);
                } else {
                    values = encoding.getValuesReader(descriptor, ValuesType.VALUES);
                }
                values.initFromPage(pageEntries, data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a page of column '%s'".formatted(column.name()), e);
        }
    }

    /** The levels of a version 1 page, read off {@code data}: RLE with a length prefix, or the legacy BIT_PACKED. */
    private ParquetLevels levels(int maxLevel, Encoding encoding, ValuesType type, ByteBufferInputStream data) throws IOException {
        if (maxLevel == 0) {
            return null;
        }
        if (encoding == Encoding.RLE) {
            int length = data.slice(4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return ParquetLevels.hybrid(maxLevel, data.slice(length));
        }
        ValuesReader reader = encoding.getValuesReader(descriptor, type);
        reader.initFromPage(pageEntries, data);
        int[] decoded = new int[pageEntries];
        for (int index = 0; index < decoded.length; index++) {
            decoded[index] = reader.readInteger();
        }
        return ParquetLevels.of(decoded);
    }

    /** A value held as a long: BOOL as 0 or 1, timestamps as epoch microseconds. */
    private long readLong() {
        return switch (valueReader) {
            case BOOLEAN -> values.readBoolean() ? 1 : 0;
            case INT32 -> plainValues != null ? plainValues.getInt() : values.readInteger();
            case INT64, TIMESTAMP_MICROS -> plainValues != null ? plainValues.getLong() : values.readLong();
            case TIMESTAMP_MILLIS -> ParquetTypes.toMicros(plainValues != null ? plainValues.getLong() : values.readLong(), TimeUnit.MILLIS);
            case TIMESTAMP_NANOS -> ParquetTypes.toMicros(plainValues != null ? plainValues.getLong() : values.readLong(), TimeUnit.NANOS);
            case TIMESTAMP_INT96 -> ParquetTypes.int96Micros(values.readBytes());
            case DATE -> ParquetTypes.dateMicros(plainValues != null ? plainValues.getInt() : values.readInteger());
            case FLOAT, DOUBLE, STRING, BYTES -> throw new IllegalStateException("%s is not read as a long".formatted(valueReader));
        };
    }

    private double readDouble() {
        if (plainValues == null) {
            return valueReader == ValueReader.DOUBLE ? values.readDouble() : values.readFloat();
        }
        return valueReader == ValueReader.DOUBLE ? plainValues.getDouble() : plainValues.getFloat();
    }

    /** A list element, as {@link Row} holds it. */
    private Object readElement() {
        return switch (valueReader) {
            case BOOLEAN -> readLong() != 0;
            case INT32 -> (int) readLong();
            case INT64 -> readLong();
            case TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS, TIMESTAMP_INT96, DATE -> Timestamps.fromMicros(readLong());
            case FLOAT -> (float) readDouble();
            case DOUBLE -> readDouble();
            case STRING, BYTES -> valueReader.readObject(values);
        };
    }

    private static boolean[] markNull(boolean[] nulls, int rows, int row) {
        boolean[] marked = nulls == null ? new boolean[rows] : nulls;
        marked[row] = true;
        return marked;
    }

    /** How one present value is read and held: as a vector's long, double or object. */
    private enum ValueReader {
        BOOLEAN, INT32, INT64, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS, TIMESTAMP_INT96, DATE, FLOAT, DOUBLE, STRING, BYTES;

        static ValueReader of(ValueType type, PrimitiveType primitive) {
            return switch (type) {
                case BOOL -> BOOLEAN;
                case INT32 -> INT32;
                case INT64 -> INT64;
                case FLOAT32 -> FLOAT;
                case FLOAT64 -> DOUBLE;
                case STRING -> STRING;
                case BYTES -> BYTES;
                case UNIX_TIMESTAMP -> switch (primitive.getPrimitiveTypeName()) {
                    case INT96 -> TIMESTAMP_INT96;
                    case INT32 -> DATE;
                    case INT64, BOOLEAN, FLOAT, DOUBLE, BINARY, FIXED_LEN_BYTE_ARRAY -> switch (ParquetTypes.timestampUnit(primitive)) {
                        case MILLIS -> TIMESTAMP_MILLIS;
                        case MICROS -> TIMESTAMP_MICROS;
                        case NANOS -> TIMESTAMP_NANOS;
                    };
                };
                case BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST, UNIX_TIMESTAMP_LIST ->
                        throw new IllegalArgumentException("no value reader for a list of lists (%s)".formatted(type));
            };
        }

        /** The bytes of one plain-encoded value read off the page buffer, or 0 when read through a {@link ValuesReader}. */
        int width() {
            return switch (this) {
                case INT32, DATE, FLOAT -> 4;
                case INT64, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS, DOUBLE -> 8;
                case BOOLEAN, TIMESTAMP_INT96, STRING, BYTES -> 0;
            };
        }

        Object readObject(ValuesReader reader) {
            return switch (this) {
                case STRING -> reader.readBytes().toStringUsingUTF8();
                case BYTES -> copy(reader.readBytes());
                case BOOLEAN, INT32, INT64, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS, TIMESTAMP_INT96, DATE, FLOAT, DOUBLE ->
                        throw new IllegalStateException("%s is not read as an object".formatted(this));
            };
        }

        /** The bytes in an array of their own: a dictionary's or a page's buffer must not leak out. */
        private static byte[] copy(Binary binary) {
            ByteBuffer buffer = binary.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
    }
}
