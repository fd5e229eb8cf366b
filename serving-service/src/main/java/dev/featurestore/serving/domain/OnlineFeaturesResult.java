package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * The answer to an {@link OnlineFeatureQuery}, column by column as Feast answers it: the join keys given, then
 * the features in request order.
 *
 * @param columns one per output column
 */
public record OnlineFeaturesResult(List<Column> columns) {
    public OnlineFeaturesResult {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /**
     * One output column: a value, a status and an event timestamp per entity row.
     *
     * @param name the join key, or the feature ({@code view__feature} with full feature names)
     * @param values the values (null where absent), Java types as the online record codec holds them
     * @param statuses one per row
     * @param eventTimestamps when each value was observed; the epoch for join keys, on-demand features and
     *     values not found
     */
    public record Column(String name, List<Object> values, List<FeatureStatus> statuses, List<Instant> eventTimestamps) {
        /** Takes the lists over without copying them (read-only views: a column is built once per request, on its hot path). */
        public Column {
            requireNonNull(name, "name is null");
            values = Collections.unmodifiableList(requireNonNull(values, "values is null"));
            statuses = Collections.unmodifiableList(requireNonNull(statuses, "statuses is null"));
            eventTimestamps = Collections.unmodifiableList(requireNonNull(eventTimestamps, "eventTimestamps is null"));
        }
    }
}
