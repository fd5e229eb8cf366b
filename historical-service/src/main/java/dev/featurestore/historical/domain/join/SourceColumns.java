package dev.featurestore.historical.domain.join;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnTypes;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.RowSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The columns of a view's source batch, checked against the view: key columns of the key's kind (integer or
 * not), the event and created timestamps as timestamps, features of a type {@link ColumnTypes#featureCompatible} with their
 * declaration. A mismatch fails the join naming the file, the column and both types.
 */
record SourceColumns(JoinKeys keys, ColumnVector eventTimestamps, Optional<ColumnVector> createdTimestamps, List<ColumnVector> features) {

    static SourceColumns bind(ViewJoin view, ColumnBatch batch, boolean longMode, String origin) {
        check(view, batch.schema(), origin);
        List<ColumnVector> features = new ArrayList<>(view.features().size());
        for (FeatureColumn feature : view.features()) {
            features.add(batch.vector(feature.sourceColumn()));
        }
        return new SourceColumns(
                JoinKeys.of(batch, view.keys().stream().map(KeyColumn::sourceColumn).toList(), longMode),
                batch.vector(view.timestampColumn()),
                view.createdColumn().map(batch::vector),
                features);
    }

    /**
     * Checks the columns of a source object against the view.
     *
     * @throws JoinFailedException naming the column, its type, the view's and {@code origin}
     */
    static void check(ViewJoin view, RowSchema schema, String origin) {
        for (KeyColumn key : view.keys()) {
            ValueType found = type(schema, key.sourceColumn(), origin);
            if (!ColumnTypes.keyCompatible(found, key.type())) {
                throw mismatch(view, origin, key.sourceColumn(), found, "join key '%s' is %s".formatted(key.entityColumn(), key.type()));
            }
        }
        requireTimestamp(view, schema, view.timestampColumn(), origin, "event timestamp");
        view.createdColumn().ifPresent(column -> requireTimestamp(view, schema, column, origin, "created timestamp"));
        for (FeatureColumn feature : view.features()) {
            ValueType found = type(schema, feature.sourceColumn(), origin);
            if (!ColumnTypes.featureCompatible(found, feature.type())) {
                throw mismatch(view, origin, feature.sourceColumn(), found, "feature '%s' is %s".formatted(feature.feature(), feature.type()));
            }
        }
    }

    /** The created timestamp of a row, {@link Long#MIN_VALUE} (oldest) when absent or null. */
    long created(int row) {
        if (createdTimestamps.isEmpty() || createdTimestamps.get().isNull(row)) {
            return Long.MIN_VALUE;
        }
        return createdTimestamps.get().getLong(row);
    }

    /** The canonical schema rows of this view are spilled in: keys, timestamps and features in their declared types. */
    static RowSchema spillSchema(ViewJoin view) {
        List<Column> columns = new ArrayList<>();
        view.keys().forEach(key -> columns.add(new Column(key.sourceColumn(), key.type() == ValueType.INT32 ? ValueType.INT64 : key.type())));
        columns.add(new Column(view.timestampColumn(), ValueType.UNIX_TIMESTAMP));
        view.createdColumn().ifPresent(column -> {
            if (!column.equals(view.timestampColumn())) {
                columns.add(new Column(column, ValueType.UNIX_TIMESTAMP));
            }
        });
        for (FeatureColumn feature : view.features()) {
            if (columns.stream().noneMatch(column -> column.name().equals(feature.sourceColumn()))) {
                columns.add(new Column(feature.sourceColumn(), feature.type()));
            }
        }
        return new RowSchema(columns);
    }

    private static ValueType type(RowSchema schema, String column, String origin) {
        return schema.indexOf(column).stream().mapToObj(index -> schema.column(index).type()).findFirst()
                .orElseThrow(() -> new JoinFailedException("no column '%s' (columns: %s) in %s".formatted(column, schema.names(), origin)));
    }

    private static void requireTimestamp(ViewJoin view, RowSchema schema, String column, String origin, String role) {
        ValueType found = type(schema, column, origin);
        if (found != ValueType.UNIX_TIMESTAMP) {
            throw mismatch(view, origin, column, found, "the %s is UNIX_TIMESTAMP".formatted(role));
        }
    }

    private static JoinFailedException mismatch(ViewJoin view, String origin, String column, ValueType found, String expected) {
        return new JoinFailedException("column '%s' is %s, but in feature view '%s' the %s (in %s)"
                .formatted(column, found, view.view(), expected, origin));
    }
}
