package dev.featurestore.materialization.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The latest row per entity of a window: the greatest event timestamp wins, the greatest created timestamp breaks
 * a tie (a missing created timestamp is the oldest), and of two rows equal in both the first one read stays.
 * Not thread-safe.
 */
final class LatestRows {
    private final Map<String, Latest> rows = new HashMap<>();

    /** Offers a row of the entity whose record key is {@code key}; keeps it when it is later than the one held. */
    void offer(String key, Object[] keyValues, Instant event, Instant created, Object[] values) {
        Latest held = rows.get(key);
        if (held == null || held.isOlderThan(event, created)) {
            rows.put(key, new Latest(key, keyValues, event, created, values));
        }
    }

    int size() {
        return rows.size();
    }

    void forEach(Consumer<Latest> action) {
        rows.values().forEach(action);
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
