package dev.featurestore.materialization.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.PartitionFiles;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
    private Map<String, Latest> rows = new HashMap<>();
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
        Latest held = rows.get(latest.key());
        if (held == null || held.isOlderThan(latest.event(), latest.created())) {
            rows.put(latest.key(), latest);
            bytes += estimate(latest) - (held == null ? 0 : estimate(held));
            if (bytes > budgetBytes) {
                startSpilling();
            }
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
            rows.values().forEach(action);
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
        return rows.size();
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
        Map<String, Latest> held = rows;
        rows = Map.of();
        bytes = 0;
        held.values().forEach(this::spillRow);
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

    /** Roughly the bytes a held row takes: the map entry, the key text, the arrays, the boxed values, the timestamps. */
    private static long estimate(Latest latest) {
        long size = 160 + latest.key().length();
        for (Object value : latest.keyValues()) {
            size += 8 + sizeOf(value);
        }
        for (Object value : latest.values()) {
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
