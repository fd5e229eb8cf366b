package dev.featurestore.historical.domain.join;

import static java.util.Objects.requireNonNull;

import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.ColumnVector.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The point-in-time join of one feature view over entity rows that fit in memory (all of them, or one
 * partition of them): entity rows are added first (numbering their keys), then source rows (rows whose key
 * no entity row has are dropped as they arrive), then {@link #join} picks for each entity row the source row
 * with the greatest event timestamp at or before the row's timestamp and not older than the ttl, ties broken
 * by the greatest created timestamp, then by the later row in read order.
 */
final class ViewJoiner {
    private static final int INSERTION_SORT_LIMIT = 24;

    private final ViewJoin view;
    private final boolean longMode;
    private final KeyIndex keys;
    private final List<String> entityKeyColumns;
    private final IntList entityKeys;
    private final LongList entityTimestamps;
    private final LongList entityRows;
    private final List<SourceChunk> chunks = new ArrayList<>();

    ViewJoiner(ViewJoin view, int expectedEntityRows) {
        this.view = requireNonNull(view, "view is null");
        this.longMode = JoinKeys.longMode(view.keys());
        this.keys = new KeyIndex(longMode, expectedEntityRows);
        this.entityKeyColumns = view.keys().stream().map(KeyColumn::entityColumn).toList();
        this.entityKeys = new IntList(expectedEntityRows);
        this.entityTimestamps = new LongList(expectedEntityRows);
        this.entityRows = new LongList(expectedEntityRows);
    }

    ViewJoin view() {
        return view;
    }

    boolean longMode() {
        return longMode;
    }

    /**
     * Adds entity rows (timestamps checked non-null by the caller).
     *
     * @param rowNumbers each row's number in the request, or null when they are {@code firstRow, firstRow + 1, ...}
     */
    void addEntities(ColumnBatch batch, ColumnVector timestamps, ColumnVector rowNumbers, long firstRow) {
        JoinKeys batchKeys = JoinKeys.of(batch, entityKeyColumns, longMode);
        for (int row = 0; row < batch.size(); row++) {
            entityKeys.add(keys.add(batchKeys, row));
            entityTimestamps.add(timestamps.getLong(row));
            entityRows.add(rowNumbers == null ? firstRow + row : rowNumbers.getLong(row));
        }
    }

    int entityCount() {
        return entityKeys.size();
    }

    /** Ends adding entity rows; source rows come next. */
    void entitiesDone() {
        keys.freeze();
    }

    /**
     * A place for the rows of one source object (or one thread); call {@link SourceChunk#add} from one thread only.
     *
     * @param expectedRows about how many rows will be added (sizes the buffers)
     */
    synchronized SourceChunk newChunk(String origin, int expectedRows) {
        SourceChunk chunk = new SourceChunk(origin, expectedRows);
        chunks.add(chunk);
        return chunk;
    }

    /** Joins the rows added so far. */
    PartitionResult join() {
        int entities = entityKeys.size();
        int keyCount = keys.size();
        // Source rows of all chunks, in chunk order, as flat arrays.
        int sourceCount = chunks.stream().mapToInt(chunk -> chunk.keys.size()).sum();
        int[] sourceKeys = new int[sourceCount];
        long[] eventTimestamps = new long[sourceCount];
        long[] createdTimestamps = new long[sourceCount];
        int[] chunkStarts = new int[chunks.size()];
        List<List<ColumnVector>> chunkFeatures = new ArrayList<>(chunks.size());
        int offset = 0;
        for (int index = 0; index < chunks.size(); index++) {
            SourceChunk chunk = chunks.get(index);
            int size = chunk.keys.size();
            chunkStarts[index] = offset;
            System.arraycopy(chunk.keys.array(), 0, sourceKeys, offset, size);
            System.arraycopy(chunk.eventTimestamps.array(), 0, eventTimestamps, offset, size);
            System.arraycopy(chunk.createdTimestamps.array(), 0, createdTimestamps, offset, size);
            chunkFeatures.add(chunk.features.stream().map(ColumnVector.Builder::build).toList());
            offset += size;
        }
        chunks.clear();

        int[] sourceStarts = new int[keyCount + 1];
        int[] sourceOrder = bucket(sourceKeys, sourceCount, keyCount, sourceStarts);
        // Timestamps in bucket order, so that sorting and merging one key's rows touch neighbouring memory.
        int kept = sourceOrder.length;
        long[] events = new long[kept];
        long[] created = new long[kept];
        int[] positions = new int[kept];
        for (int position = 0; position < kept; position++) {
            events[position] = eventTimestamps[sourceOrder[position]];
            created[position] = createdTimestamps[sourceOrder[position]];
            positions[position] = position;
        }
        int[] entityStarts = new int[keyCount + 1];
        int[] entityOrder = bucket(entityKeys.array(), entities, keyCount, entityStarts);
        long[] entityTime = entityTimestamps.array();
        int[] temp = new int[Math.max(16, maxBucket(sourceStarts, keyCount, entityStarts))];

        long ttl = view.ttl().isZero() ? 0 : Math.max(1, view.ttl().toNanos() / 1_000);
        int[] match = new int[entities];
        Arrays.fill(match, -1);
        long matched = 0;
        for (int key = 0; key < keyCount; key++) {
            int sourceFrom = sourceStarts[key];
            int sourceTo = sourceStarts[key + 1];
            int entityFrom = entityStarts[key];
            int entityTo = entityStarts[key + 1];
            if (sourceFrom == sourceTo || entityFrom == entityTo) {
                continue;
            }
            sort(positions, sourceFrom, sourceTo, events, created, temp);
            sort(entityOrder, entityFrom, entityTo, entityTime, null, temp);
            int next = sourceFrom;
            int best = -1;
            for (int position = entityFrom; position < entityTo; position++) {
                int entity = entityOrder[position];
                long time = entityTime[entity];
                while (next < sourceTo && events[positions[next]] <= time) {
                    best = positions[next];
                    next++;
                }
                if (best >= 0 && (ttl == 0 || events[best] >= time - ttl)) {
                    match[entity] = sourceOrder[best];
                    matched++;
                }
            }
        }

        // Gather the matched values in entity-row order, feature by feature.
        int[] matchChunks = new int[entities];
        int[] matchRows = new int[entities];
        for (int entity = 0; entity < entities; entity++) {
            int source = match[entity];
            if (source < 0) {
                matchChunks[entity] = -1;
                continue;
            }
            int chunk = chunkOf(chunkStarts, source);
            matchChunks[entity] = chunk;
            matchRows[entity] = source - chunkStarts[chunk];
        }
        List<ColumnVector> features = new ArrayList<>(view.features().size());
        for (int feature = 0; feature < view.features().size(); feature++) {
            FeatureColumn column = view.features().get(feature);
            int index = feature;
            List<ColumnVector> sources = chunkFeatures.stream().map(vectors -> vectors.get(index)).toList();
            features.add(ColumnVector.gather(new Column(column.feature(), column.type()), sources, matchChunks, matchRows, entities));
        }
        return new PartitionResult(
                Arrays.copyOf(entityRows.array(), entities),
                features,
                sourceCount,
                matched);
    }

    /** Counting sort of positions {@code 0..count) by key; keys of -1 are left out. */
    private static int[] bucket(int[] keys, int count, int keyCount, int[] starts) {
        for (int index = 0; index < count; index++) {
            if (keys[index] >= 0) {
                starts[keys[index] + 1]++;
            }
        }
        for (int key = 0; key < keyCount; key++) {
            starts[key + 1] += starts[key];
        }
        int[] fill = Arrays.copyOf(starts, keyCount);
        int[] order = new int[starts[keyCount]];
        for (int index = 0; index < count; index++) {
            int key = keys[index];
            if (key >= 0) {
                order[fill[key]++] = index;
            }
        }
        return order;
    }

    private static int maxBucket(int[] sourceStarts, int keyCount, int[] entityStarts) {
        int max = 0;
        for (int key = 0; key < keyCount; key++) {
            max = Math.max(max, Math.max(sourceStarts[key + 1] - sourceStarts[key], entityStarts[key + 1] - entityStarts[key]));
        }
        return max;
    }

    private static int chunkOf(int[] chunkStarts, int source) {
        int found = Arrays.binarySearch(chunkStarts, source);
        if (found >= 0) {
            // Several empty chunks may start at the same offset: take the last.
            while (found + 1 < chunkStarts.length && chunkStarts[found + 1] == source) {
                found++;
            }
            return found;
        }
        return -found - 2;
    }

    /**
     * Stable sort of {@code order[from, to)} by {@code primary}, then {@code secondary} (when given); positions
     * arrive in read order, so rows equal on both stay in read order.
     */
    static void sort(int[] order, int from, int to, long[] primary, long[] secondary, int[] temp) {
        if (to - from <= INSERTION_SORT_LIMIT) {
            for (int index = from + 1; index < to; index++) {
                int value = order[index];
                int position = index - 1;
                while (position >= from && greater(order[position], value, primary, secondary)) {
                    order[position + 1] = order[position];
                    position--;
                }
                order[position + 1] = value;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        sort(order, from, middle, primary, secondary, temp);
        sort(order, middle, to, primary, secondary, temp);
        if (!greater(order[middle - 1], order[middle], primary, secondary)) {
            return;
        }
        System.arraycopy(order, from, temp, 0, middle - from);
        int left = 0;
        int leftEnd = middle - from;
        int right = middle;
        int out = from;
        while (left < leftEnd && right < to) {
            order[out++] = greater(temp[left], order[right], primary, secondary) ? order[right++] : temp[left++];
        }
        while (left < leftEnd) {
            order[out++] = temp[left++];
        }
    }

    private static boolean greater(int a, int b, long[] primary, long[] secondary) {
        if (primary[a] != primary[b]) {
            return primary[a] > primary[b];
        }
        return secondary != null && secondary[a] > secondary[b];
    }

    /** Rows of one source object, added from one thread. */
    final class SourceChunk {
        private final String origin;
        private final IntList keys;
        private final LongList eventTimestamps;
        private final LongList createdTimestamps;
        private final List<ColumnVector.Builder> features = new ArrayList<>();
        private final Storage[] storages;
        private long rowsRead;

        private SourceChunk(String origin, int expectedRows) {
            this.origin = origin;
            int capacity = Math.max(1024, expectedRows);
            keys = new IntList(capacity);
            eventTimestamps = new LongList(capacity);
            createdTimestamps = new LongList(capacity);
            for (FeatureColumn feature : view.features()) {
                features.add(ColumnVector.builder(new Column(feature.feature(), feature.type()), capacity));
            }
            this.storages = view.features().stream().map(feature -> ColumnVector.storage(feature.type())).toArray(Storage[]::new);
        }

        /** Adds the rows of a batch whose key an entity row has; returns how many rows the batch had. */
        int add(ColumnBatch batch) {
            SourceColumns columns = SourceColumns.bind(view, batch, longMode, origin);
            ColumnVector eventTimes = columns.eventTimestamps();
            int[] kept = new int[batch.size()];
            int count = 0;
            boolean eventNullable = eventTimes.hasNulls();
            JoinKeys batchKeys = columns.keys();
            KeyIndex keyIndex = ViewJoiner.this.keys;
            for (int row = 0; row < batch.size(); row++) {
                int key = keyIndex.find(batchKeys, row);
                if (key < 0 || (eventNullable && eventTimes.isNull(row))) {
                    continue;
                }
                kept[count++] = row;
                keys.add(key);
                eventTimestamps.add(eventTimes.getLong(row));
                createdTimestamps.add(columns.created(row));
            }
            for (int feature = 0; feature < storages.length; feature++) {
                ColumnVector from = columns.features().get(feature);
                ColumnVector.Builder to = features.get(feature);
                boolean nullable = from.hasNulls();
                boolean integerToFloat = storages[feature] == Storage.DOUBLE && ColumnVector.storage(from.type()) == Storage.LONG;
                for (int index = 0; index < count; index++) {
                    int row = kept[index];
                    if (nullable && from.isNull(row)) {
                        to.appendNull();
                        continue;
                    }
                    switch (storages[feature]) {
                        case LONG -> to.appendLong(from.getLong(row));
                        case DOUBLE -> to.appendDouble(integerToFloat ? from.getLong(row) : from.getDouble(row));
                        case OBJECT -> to.append(from.get(row));
                    }
                }
            }
            rowsRead += batch.size();
            return batch.size();
        }

        long rowsRead() {
            return rowsRead;
        }
    }

    /**
     * The join of one partition.
     *
     * @param rows the entity rows' numbers, ascending when they were added ascending
     * @param features one vector per feature of the view, a value (or null) per entity row
     * @param sourceRows source rows kept (their key is an entity row's)
     * @param matched entity rows that got a source row
     */
    record PartitionResult(long[] rows, List<ColumnVector> features, long sourceRows, long matched) {
    }
}
