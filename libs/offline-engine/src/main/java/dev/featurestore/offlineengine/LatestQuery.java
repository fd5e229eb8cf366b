package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.RowSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest row per entity of a window (materialization): of the source rows whose event timestamp lies in
 * {@code [start, end]} (both inclusive), per distinct join key values, the one with the greatest event timestamp, ties
 * broken by the greatest created timestamp (a missing one is the oldest). Rows with a null key or event timestamp
 * are left out. The view's ttl plays no part.
 *
 * <p>The result, in no particular order: the join keys (named by {@link KeyColumn#entityColumn()}, in their declared
 * types), {@link #EVENT_TIMESTAMP}, {@link #CREATED_TIMESTAMP} (null when the view has none or the row holds none),
 * then the features (named by {@link FeatureColumn#feature()}, in their declared types).
 */
public record LatestQuery(ViewRead view, Instant start, Instant end) {
    public static final String EVENT_TIMESTAMP = "__event_timestamp";
    public static final String CREATED_TIMESTAMP = "__created_timestamp";

    public LatestQuery {
        requireNonNull(view, "view is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("the window of feature view '%s' starts at %s after its end %s".formatted(view.view(), start, end));
        }
    }

    /** The columns of the result. */
    public RowSchema outputSchema() {
        List<Column> columns = new ArrayList<>();
        view.keys().forEach(key -> columns.add(new Column(key.entityColumn(), key.type())));
        columns.add(new Column(EVENT_TIMESTAMP, ValueType.UNIX_TIMESTAMP));
        columns.add(new Column(CREATED_TIMESTAMP, ValueType.UNIX_TIMESTAMP));
        view.features().forEach(feature -> columns.add(new Column(feature.feature(), feature.type())));
        return new RowSchema(columns);
    }
}
