package dev.featurestore.materialization.domain.skew;

import java.time.Instant;
import java.util.List;

/** Point-in-time feature values of entities, from the offline side (historical-service): the skew check's oracle. */
public interface PointInTimeSource {
    /**
     * The values of a view's features for each entity at one instant, as the point-in-time rule (docs/point-in-time.md) picks
     * them (the latest row with an event timestamp at or before {@code at}, within the ttl).
     *
     * @param keyNames the view's join key names, in order
     * @param entities one array of join key values per entity
     * @return per entity, in order, the features' values (JSON values: numbers, strings, booleans, lists, null)
     * @throws PointInTimeUnavailableException when the values cannot be had (the check is then skipped)
     */
    List<List<Object>> values(String project, String featureView, List<String> features, List<String> keyNames, List<Object[]> entities, Instant at);

    /** The oracle could not answer. */
    final class PointInTimeUnavailableException extends RuntimeException {
        public PointInTimeUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
