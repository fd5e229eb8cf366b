package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ColumnTypes;
import dev.featurestore.offlinestore.RowSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A point-in-time retrieval (docs/offline-engine.md, "Semantics every engine keeps"): for each entity row and each
 * view, the view's features from the source row with the same join keys and the greatest event timestamp at or before
 * the row's timestamp (and not before it minus the view's ttl, when the ttl is not zero), ties broken by the greatest
 * created timestamp (a missing created timestamp is the oldest); null features when there is no such row.
 *
 * <p>The result has one row per entity row, in their order: every entity column untouched, then each view's features
 * in the views' order, in their declared types, under the names {@link #featureColumn} gives.
 *
 * @param entities the entity rows
 * @param timestampColumn the entity rows' event timestamp column (UNIX_TIMESTAMP, no nulls)
 * @param views the views to read, at least one
 */
public record Retrieval(EntityRows entities, String timestampColumn, List<ViewRead> views) {
    private static final String FEATURE_PREFIX = "__feature_";

    public Retrieval {
        requireNonNull(entities, "entities is null");
        requireNonNull(timestampColumn, "timestampColumn is null");
        views = List.copyOf(requireNonNull(views, "views is null"));
        if (views.isEmpty()) {
            throw new IllegalArgumentException("a retrieval reads at least one feature view");
        }
        for (Column column : entities.schema().columns()) {
            if (column.name().startsWith(FEATURE_PREFIX)) {
                throw new IllegalArgumentException("entity column '%s' starts with the reserved prefix %s".formatted(column.name(), FEATURE_PREFIX));
            }
        }
    }

    /** The name of feature {@code feature} of view {@code view} (indexes in {@link #views} and its features) in the result. */
    public static String featureColumn(int view, int feature) {
        return FEATURE_PREFIX + view + "_" + feature;
    }

    /** The columns of the result: the entity columns, then the features. */
    public RowSchema outputSchema() {
        List<Column> columns = new ArrayList<>(entities.schema().columns());
        for (int view = 0; view < views.size(); view++) {
            List<FeatureColumn> features = views.get(view).features();
            for (int feature = 0; feature < features.size(); feature++) {
                columns.add(new Column(featureColumn(view, feature), features.get(feature).type()));
            }
        }
        return new RowSchema(columns);
    }

    /**
     * What is wrong with the entity rows' columns for this retrieval: a missing or mistyped timestamp column, a
     * missing key column or one of another kind than the key. Empty when it can run.
     */
    public List<String> problems() {
        return problems(entities.schema(), timestampColumn, views);
    }

    /** {@link #problems()} of entity rows with these columns, before they are at hand. */
    public static List<String> problems(RowSchema entitySchema, String timestampColumn, List<ViewRead> views) {
        List<String> problems = new ArrayList<>();
        Map<String, ValueType> types = new HashMap<>();
        entitySchema.columns().forEach(column -> types.put(column.name(), column.type()));
        ValueType timestampType = types.get(timestampColumn);
        if (timestampType == null) {
            problems.add("the entity rows have no event timestamp column '%s' (columns: %s)".formatted(timestampColumn, entitySchema.names()));
        } else if (timestampType != ValueType.UNIX_TIMESTAMP) {
            problems.add("the entity rows' event timestamp column '%s' is %s, not a timestamp".formatted(timestampColumn, timestampType));
        }
        for (ViewRead view : views) {
            for (KeyColumn key : view.keys()) {
                ValueType found = types.get(key.entityColumn());
                if (found == null) {
                    problems.add("the entity rows have no column '%s', the join key of feature view '%s'".formatted(key.entityColumn(), view.view()));
                } else if (!ColumnTypes.keyCompatible(found, key.type())) {
                    problems.add("the entity rows' column '%s' is %s, but the join key '%s' of feature view '%s' is %s"
                            .formatted(key.entityColumn(), found, key.entityColumn(), view.view(), key.type()));
                }
            }
        }
        return problems.stream().distinct().toList();
    }
}
