package dev.featurestore.historical.domain.join;

import java.util.HashMap;
import java.util.Map;

/** Numbers the distinct join keys of the entity rows 0, 1, 2, ...; lookups of source keys find them. */
final class KeyIndex {
    private final boolean longMode;
    private final LongIntHashMap longs;
    private final Map<Object, Integer> objects;

    KeyIndex(boolean longMode, int expectedKeys) {
        this.longMode = longMode;
        this.longs = longMode ? new LongIntHashMap(expectedKeys) : null;
        this.objects = longMode ? null : new HashMap<>(Math.max(16, expectedKeys * 4 / 3 + 1));
    }

    int size() {
        return longMode ? longs.size() : objects.size();
    }

    /** Ends numbering: lookups from then on may use a faster table. */
    void freeze() {
        if (longMode) {
            longs.freeze();
        }
    }

    /** The number of the key of {@code row}, numbering it if new; -1 for a null key. */
    int add(JoinKeys keys, int row) {
        if (keys.isNull(row)) {
            return -1;
        }
        return longMode ? longs.putIfAbsent(keys.longKey(row), longs.size()) : objects.computeIfAbsent(keys.objectKey(row), key -> objects.size());
    }

    /** The number of the key of {@code row}, or -1 when no entity row has it (or it is null). Thread-safe once built. */
    int find(JoinKeys keys, int row) {
        if (keys.isNull(row)) {
            return -1;
        }
        if (longMode) {
            return longs.get(keys.longKey(row));
        }
        Integer number = objects.get(keys.objectKey(row));
        return number == null ? -1 : number;
    }
}
