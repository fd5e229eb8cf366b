package dev.featurestore.offlineengine;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.ColumnTypes;
import dev.featurestore.offlinestore.RowSchema;

/**
 * The check of a source object's columns (from its footer) against a view, the same for every engine: key columns
 * of the key's kind (integer or not), the event and created timestamps as timestamps, features of a type
 * {@link ColumnTypes#featureCompatible} with their declaration; a feature column the object lacks reads as null.
 */
public final class SourceCheck {
    private SourceCheck() {
    }

    /** @throws EngineFailedException naming the object, the column, the type expected and the type found */
    public static void check(ViewRead view, RowSchema schema, String object) {
        for (KeyColumn key : view.keys()) {
            ValueType found = required(view, schema, key.sourceColumn(), object);
            if (!ColumnTypes.keyCompatible(found, key.type())) {
                throw mismatch(view, object, key.sourceColumn(), found, "join key '%s' is %s".formatted(key.entityColumn(), key.type()));
            }
        }
        requireTimestamp(view, schema, view.timestampColumn(), object, "event timestamp");
        view.createdColumn().ifPresent(column -> requireTimestamp(view, schema, column, object, "created timestamp"));
        for (FeatureColumn feature : view.features()) {
            var index = schema.indexOf(feature.sourceColumn());
            if (index.isEmpty()) {
                continue;
            }
            ValueType found = schema.column(index.getAsInt()).type();
            if (!ColumnTypes.featureCompatible(found, feature.type())) {
                throw mismatch(view, object, feature.sourceColumn(), found, "feature '%s' is %s".formatted(feature.feature(), feature.type()));
            }
        }
    }

    private static ValueType required(ViewRead view, RowSchema schema, String column, String object) {
        return schema.indexOf(column).stream().mapToObj(index -> schema.column(index).type()).findFirst()
                .orElseThrow(() -> new EngineFailedException(EngineFailedException.Reason.SOURCE_SCHEMA_MISMATCH,
                        "no column '%s' in %s (columns: %s), which feature view '%s' reads".formatted(column, object, schema.names(), view.view())));
    }

    private static void requireTimestamp(ViewRead view, RowSchema schema, String column, String object, String role) {
        ValueType found = required(view, schema, column, object);
        if (found != ValueType.UNIX_TIMESTAMP) {
            throw mismatch(view, object, column, found, "the %s is UNIX_TIMESTAMP".formatted(role));
        }
    }

    private static EngineFailedException mismatch(ViewRead view, String object, String column, ValueType found, String expected) {
        return new EngineFailedException(EngineFailedException.Reason.SOURCE_SCHEMA_MISMATCH,
                "column '%s' of %s is %s, but in feature view '%s' the %s".formatted(column, object, found, view.view(), expected));
    }
}
