package dev.featurestore.materialization.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.PartitionFiles;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The latest row per entity of a window: the greatest event timestamp wins, the greatest created timestamp breaks
 * a tie (a missing created timestamp is the oldest), and of two rows equal in both the first one offered stays.
 *
 * <p>Rows are held in memory up to a budget (an estimate of the bytes they take). Past it, everything held and every
 * row offered afterwards goes to spill files, one per partition of the entity keys' hash, in a directory of its own;
 * {@link #forEach} then reads the partitions one at a time, each into memory. So memory holds about one partition's
 * latest rows, whatever the number of entities (a partition larger than the budget is still read whole). Not
 * thread-safe; {@link #close} deletes the spill files.
 */
final class LatestRows implements AutoCloseable {
    private static final String KEY_COLUMN = "__record_key";
    private static final String EVENT_COLUMN = "__event_timestamp";
    private static final String CREATED_COLUMN = "__created_timestamp";
    private static final int SPILL_BATCH_ROWS = 4096;

    private final int keyCount;
    private final RowSchema spillSchema;
    private final long budgetBytes;
    private final Path spillDirectory;
    private final int partitions;
    private Columns rows;
    private long bytes;
    private PartitionFiles spill;
    private Path runDirectory;
    private final List<Row> pending = new ArrayList<>(SPILL_BATCH_ROWS);
    private long spilledRows;

    /**
     * @param keys the view's join keys, in order
     * @param features the view's features, in order
     * @param budgetBytes how many bytes of rows to hold in memory before spilling
     * @param spillDirectory where spill files go (a directory per pass is made in it)
     * @param partitions how many spill files
     */
    LatestRows(List<JoinKey> keys, List<Field> features, long budgetBytes, Path spillDirectory, int partitions) {
        this.keyCount = keys.size();
        this.budgetBytes = budgetBytes;
        this.spillDirectory = requireNonNull(spillDirectory, "spillDirectory is null");
        this.partitions = partitions;
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(KEY_COLUMN, ValueType.STRING));
        for (int index = 0; index < keys.size(); index++) {
            columns.add(new Column("__key_%d".formatted(index), keys.get(index).valueType()));
        }
        columns.add(new Column(EVENT_COLUMN, ValueType.UNIX_TIMESTAMP));
        columns.add(new Column(CREATED_COLUMN, ValueType.UNIX_TIMESTAMP));
        for (int index = 0; index < features.size(); index++) {
            columns.add(new Column("__feature_%d".formatted(index), features.get(index).dtype()));
        }
        this.spillSchema = new RowSchema(columns);
        this.rows = new Columns(features);
    }

    /** Offers a row of the entity whose record key is {@code key}; keeps it when it is later than the one held. */
    void offer(String key, Object[] keyValues, Instant event, Instant created, Object[] values) {
        offer(new Latest(key, keyValues, event, created, values));
    }

    /** Offers a row; keeps it when it is later than the one held for its entity. */
    void offer(Latest latest) {
        if (spill != null) {
            spillRow(latest);
            return;
        }
        bytes += rows.offer(latest);
        if (bytes > budgetBytes) {
            startSpilling();
        }
    }

    /** Whether the rows went to spill files. */
    boolean spilled() {
        return spill != null;
    }

    /** Rows written to spill files (all rows offered once spilling started, plus those held then). */
    long spilledRows() {
        return spilledRows;
    }

    /** Hands over each entity's latest row once, in no particular order. */
    void forEach(Consumer<Latest> action) {
        if (spill == null) {
            rows.forEach(action);
            return;
        }
        flushPending();
        spill.finish();
        for (int partition = 0; partition < spill.partitions(); partition++) {
            Map<String, Latest> latest = new HashMap<>();
            spill.read(partition, spillSchema, batch -> {
                for (int row = 0; row < batch.size(); row++) {
                    Latest candidate = fromSpill(batch.row(row));
                    Latest held = latest.get(candidate.key());
                    if (held == null || held.isOlderThan(candidate.event(), candidate.created())) {
                        latest.put(candidate.key(), candidate);
                    }
                }
            });
            latest.values().forEach(action);
        }
    }

    /** How many entities are held in memory (before spilling). */
    int sizeInMemory() {
        return rows == null ? 0 : rows.size();
    }

    @Override
    public void close() {
        if (spill != null) {
            spill.close();
            try {
                Files.deleteIfExists(runDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete spill directory %s".formatted(runDirectory), e);
            }
        }
    }

    private void startSpilling() {
        try {
            Files.createDirectories(spillDirectory);
            runDirectory = Files.createTempDirectory(spillDirectory, "latest-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill directory in %s".formatted(spillDirectory), e);
        }
        spill = new PartitionFiles(runDirectory, "latest", partitions);
        Columns held = rows;
        rows = null;
        bytes = 0;
        held.forEach(this::spillRow);
    }

    private void spillRow(Latest latest) {
        Object[] values = new Object[spillSchema.size()];
        values[0] = latest.key();
        System.arraycopy(latest.keyValues(), 0, values, 1, keyCount);
        values[1 + keyCount] = latest.event();
        values[2 + keyCount] = latest.created();
        System.arraycopy(latest.values(), 0, values, 3 + keyCount, latest.values().length);
        pending.add(Row.of(spillSchema, values));
        spilledRows++;
        if (pending.size() == SPILL_BATCH_ROWS) {
            flushPending();
        }
    }

    private void flushPending() {
        if (pending.isEmpty()) {
            return;
        }
        ColumnBatch batch = ColumnBatch.of(spillSchema, pending);
        int[] partitionOf = new int[pending.size()];
        for (int row = 0; row < partitionOf.length; row++) {
            partitionOf[row] = partition((String) pending.get(row).get(0));
        }
        spill.write(batch, partitionOf);
        pending.clear();
    }

    private Latest fromSpill(Row row) {
        Object[] keyValues = new Object[keyCount];
        for (int index = 0; index < keyCount; index++) {
            keyValues[index] = row.get(1 + index);
        }
        Object[] values = new Object[spillSchema.size() - 3 - keyCount];
        for (int index = 0; index < values.length; index++) {
            values[index] = row.get(3 + keyCount + index);
        }
        return new Latest((String) row.get(0), keyValues, (Instant) row.get(1 + keyCount), (Instant) row.get(2 + keyCount), values);
    }

    private int partition(String key) {
        int hash = key.hashCode() * 0x9E3779B9;
        return Math.floorMod(hash ^ (hash >>> 16), partitions);
    }

    /** Roughly the bytes an entity takes once held: its key text and key values, its slot in every column. */
    private static long entityBytes(Latest latest) {
        long size = 120 + latest.key().length() + 24L * latest.values().length;
        for (Object value : latest.keyValues()) {
            size += 8 + sizeOf(value);
        }
        return size;
    }

    private static long sizeOf(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String text) {
            return 48 + text.length();
        }
        if (value instanceof byte[] bytes) {
            return 16 + bytes.length;
        }
        if (value instanceof List<?> list) {
            long size = 40;
            for (Object item : list) {
                size += 8 + sizeOf(item);
            }
            return size;
        }
        return 24;
    }

    /**
     * The latest rows held in memory, column by column: a slot per entity (found by its record key), its event and
     * created timestamps as epoch microseconds, and each feature in a primitive array where its type allows. A later
     * row overwrites its entity's slot in place, so the columns, once grown, hold no reference to anything newer than
     * themselves (the garbage collector has no old-to-young references to track for numeric features).
     */
    private static final class Columns {
        private static final long NO_CREATED = Long.MIN_VALUE;
        private static final int INITIAL_CAPACITY = 1024;

        /** Open addressing over the keys: {@code table} holds slot + 1 (0: empty), {@code hashes} the key's hash there. */
        private int[] table = new int[INITIAL_CAPACITY * 2];
        private int[] hashes = new int[INITIAL_CAPACITY * 2];
        private final ValueType[] types;
        private final ColumnVector.Storage[] storage;
        private Object[][] keyValues = new Object[INITIAL_CAPACITY][];
        private long[] events = new long[INITIAL_CAPACITY];
        private long[] created = new long[INITIAL_CAPACITY];
        private final long[][] longs;
        private final double[][] doubles;
        private final Object[][] objects;
        private final boolean[][] nulls;
        private String[] keys = new String[INITIAL_CAPACITY];
        private int size;

        Columns(List<Field> features) {
            int count = features.size();
            types = new ValueType[count];
            storage = new ColumnVector.Storage[count];
            longs = new long[count][];
            doubles = new double[count][];
            objects = new Object[count][];
            nulls = new boolean[count][];
            for (int feature = 0; feature < count; feature++) {
                types[feature] = features.get(feature).dtype();
                storage[feature] = ColumnVector.storage(types[feature]);
                switch (storage[feature]) {
                    case LONG -> longs[feature] = new long[INITIAL_CAPACITY];
                    case DOUBLE -> doubles[feature] = new double[INITIAL_CAPACITY];
                    case OBJECT -> objects[feature] = new Object[INITIAL_CAPACITY];
                }
                nulls[feature] = new boolean[INITIAL_CAPACITY];
            }
        }

        int size() {
            return size;
        }

        /** @return the bytes the row added (a new entity's), or 0 */
        long offer(Latest latest) {
            long event = Timestamps.toMicros(latest.event());
            long createdAt = latest.created() == null ? NO_CREATED : Timestamps.toMicros(latest.created());
            String key = latest.key();
            int hash = spread(key.hashCode());
            int mask = table.length - 1;
            int position = hash & mask;
            int slot = -1;
            while (table[position] != 0) {
                int candidate = table[position] - 1;
                if (hashes[position] == hash && keys[candidate].equals(key)) {
                    slot = candidate;
                    break;
                }
                position = (position + 1) & mask;
            }
            if (slot < 0) {
                int added = size++;
                ensureCapacity(size);
                if (size * 2 > table.length) {
                    rehash(table.length * 2);
                    position = findEmpty(hash);
                }
                table[position] = added + 1;
                hashes[position] = hash;
                keys[added] = key;
                keyValues[added] = latest.keyValues();
                store(added, event, createdAt, latest.values());
                return entityBytes(latest);
            }
            if (events[slot] < event || (events[slot] == event && createdAt != NO_CREATED && created[slot] < createdAt)) {
                store(slot, event, createdAt, latest.values());
            }
            return 0;
        }

        private void store(int slot, long event, long createdAt, Object[] values) {
            events[slot] = event;
            created[slot] = createdAt;
            for (int feature = 0; feature < values.length; feature++) {
                Object value = values[feature];
                nulls[feature][slot] = value == null;
                switch (storage[feature]) {
                    case LONG -> longs[feature][slot] = value == null ? 0 : asLong(value);
                    case DOUBLE -> doubles[feature][slot] = value == null ? 0 : ((Number) value).doubleValue();
                    case OBJECT -> objects[feature][slot] = value;
                }
            }
        }

        void forEach(Consumer<Latest> action) {
            for (int slot = 0; slot < size; slot++) {
                Object[] values = new Object[types.length];
                for (int feature = 0; feature < types.length; feature++) {
                    values[feature] = nulls[feature][slot] ? null : switch (storage[feature]) {
                        case LONG -> fromLong(types[feature], longs[feature][slot]);
                        case DOUBLE -> types[feature] == ValueType.FLOAT32 ? (Object) (float) doubles[feature][slot] : (Object) doubles[feature][slot];
                        case OBJECT -> objects[feature][slot];
                    };
                }
                action.accept(new Latest(keys[slot], keyValues[slot], Timestamps.fromMicros(events[slot]),
                        created[slot] == NO_CREATED ? null : Timestamps.fromMicros(created[slot]), values));
            }
        }

        private static int spread(int hash) {
            int mixed = hash * 0x9E3779B9;
            return mixed ^ (mixed >>> 16);
        }

        private int findEmpty(int hash) {
            int mask = table.length - 1;
            int position = hash & mask;
            while (table[position] != 0) {
                position = (position + 1) & mask;
            }
            return position;
        }

        private void rehash(int capacity) {
            int[] oldTable = table;
            int[] oldHashes = hashes;
            table = new int[capacity];
            hashes = new int[capacity];
            for (int position = 0; position < oldTable.length; position++) {
                if (oldTable[position] != 0) {
                    int target = findEmpty(oldHashes[position]);
                    table[target] = oldTable[position];
                    hashes[target] = oldHashes[position];
                }
            }
        }

        private void ensureCapacity(int needed) {
            if (needed <= events.length) {
                return;
            }
            int capacity = Math.max(needed, events.length * 2);
            keys = Arrays.copyOf(keys, capacity);
            keyValues = Arrays.copyOf(keyValues, capacity);
            events = Arrays.copyOf(events, capacity);
            created = Arrays.copyOf(created, capacity);
            for (int feature = 0; feature < types.length; feature++) {
                switch (storage[feature]) {
                    case LONG -> longs[feature] = Arrays.copyOf(longs[feature], capacity);
                    case DOUBLE -> doubles[feature] = Arrays.copyOf(doubles[feature], capacity);
                    case OBJECT -> objects[feature] = Arrays.copyOf(objects[feature], capacity);
                }
                nulls[feature] = Arrays.copyOf(nulls[feature], capacity);
            }
        }

        private static long asLong(Object value) {
            if (value instanceof Boolean bool) {
                return bool ? 1 : 0;
            }
            if (value instanceof Instant instant) {
                return Timestamps.toMicros(instant);
            }
            return ((Number) value).longValue();
        }

        private static Object fromLong(ValueType type, long value) {
            return switch (type) {
                case BOOL -> value != 0;
                case INT32 -> (int) value;
                case UNIX_TIMESTAMP -> Timestamps.fromMicros(value);
                case INT64, FLOAT32, FLOAT64, STRING, BYTES, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST,
                     UNIX_TIMESTAMP_LIST -> value;
            };
        }

    }

    /**
     * One entity's latest row.
     *
     * @param key its online record key
     * @param keyValues its join key values, in the view's order
     * @param event the row's event timestamp
     * @param created its created timestamp, or null
     * @param values the view's features, in schema order
     */
    record Latest(String key, Object[] keyValues, Instant event, Instant created, Object[] values) {
        boolean isOlderThan(Instant otherEvent, Instant otherCreated) {
            int byEvent = event.compareTo(otherEvent);
            if (byEvent != 0) {
                return byEvent < 0;
            }
            if (otherCreated == null) {
                return false;
            }
            return created == null || created.isBefore(otherCreated);
        }
    }
}
