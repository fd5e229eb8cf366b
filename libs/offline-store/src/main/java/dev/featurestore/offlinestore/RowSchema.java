package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The ordered columns of rows; names are unique. */
public record RowSchema(List<Column> columns) {
    public RowSchema {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        Map<String, Integer> seen = new HashMap<>();
        for (Column column : columns) {
            if (seen.put(column.name(), seen.size()) != null) {
                throw new IllegalArgumentException("duplicate column '%s'".formatted(column.name()));
            }
        }
    }

    public static RowSchema of(Column... columns) {
        return new RowSchema(List.of(columns));
    }

    public static Column column(String name, ValueType type) {
        return new Column(name, type);
    }

    public int size() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    public OptionalInt indexOf(String name) {
        for (int index = 0; index < columns.size(); index++) {
            if (columns.get(index).name().equals(name)) {
                return OptionalInt.of(index);
            }
        }
        return OptionalInt.empty();
    }

    /** @throws IllegalArgumentException naming the column and the columns there are */
    public int requireIndex(String name) {
        return indexOf(name).orElseThrow(() -> new IllegalArgumentException(
                "no column '%s' (columns: %s)".formatted(name, names())));
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }
}
