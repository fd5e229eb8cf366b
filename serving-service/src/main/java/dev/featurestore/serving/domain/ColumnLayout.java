package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.JsonTypedValues;
import dev.featurestore.contracts.json.TimestampRange;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The columns a batch of rows written online may have (a push's {@code df}, a {@code write-to-online-store}'s
 * {@code df}), and the one check of such a batch: every column known and typed, every required one there, the same
 * number of values in each, join keys and event timestamps never null, timestamps in the {@link TimestampRange}, at
 * most so many rows. Nothing is written from a batch that fails it.
 *
 * @param owner what the columns belong to, for messages ("the views of push source 'driver_push'")
 * @param columns column -> type, every column the batch may have (all required but the created timestamp column)
 * @param keyColumns the columns holding join keys
 * @param eventTimestampColumn the column of event timestamps (required, never null)
 * @param createdTimestampColumn the column of created timestamps, if there is one (optional, may hold nulls)
 */
public record ColumnLayout(String owner, Map<String, ValueType> columns, Set<String> keyColumns, String eventTimestampColumn,
        Optional<String> createdTimestampColumn) {
    private static final int MAX_REPORTED_ERRORS = 50;

    public ColumnLayout {
        requireNonNull(owner, "owner is null");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(columns, "columns is null")));
        keyColumns = Set.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
        requireNonNull(eventTimestampColumn, "eventTimestampColumn is null");
        requireNonNull(createdTimestampColumn, "createdTimestampColumn is null");
    }

    /**
     * Checks and types a batch given as columns (values as JSON gave them).
     *
     * @param batch column -> values, as the caller sent them
     * @param maxRows the most rows the batch may hold, and the property that says so (for the 413's message)
     * @param now the time timestamps are checked against
     * @return the typed rows; the created timestamp column, when the layout has one and the batch did not, holds nulls
     * @throws FeatureStoreException 400 naming each bad column ({@code df.<column>}) or value ({@code df.<column>[<row>]});
     *     413 for more rows than {@code maxRows}
     */
    public CheckedRows check(Map<String, List<Object>> batch, RowLimit maxRows, TimestampRange timestampRange, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (batch.isEmpty()) {
            throw invalid("No rows: 'df' has no columns", List.of(new FieldError("df", "give the rows as columns, e.g. {\"%s\": [...]}".formatted(eventTimestampColumn))));
        }
        int count = -1;
        String first = null;
        for (Map.Entry<String, List<Object>> column : batch.entrySet()) {
            if (column.getValue() == null) {
                errors.add(new FieldError("df." + column.getKey(), "expected a list of values, got null"));
            } else if (count < 0) {
                count = column.getValue().size();
                first = column.getKey();
            } else if (column.getValue().size() != count) {
                errors.add(new FieldError("df." + column.getKey(), "has %d values, '%s' has %d".formatted(column.getValue().size(), first, count)));
            }
        }
        if (errors.isEmpty() && count == 0) {
            errors.add(new FieldError("df." + first, "has no values"));
        }
        if (!errors.isEmpty()) {
            throw invalid("Invalid rows", errors);
        }
        maxRows.check(count);
        for (String column : columns.keySet()) {
            if (!batch.containsKey(column) && !createdTimestampColumn.equals(Optional.of(column))) {
                errors.add(new FieldError("df." + column, "missing (%s)".formatted(columns.get(column))));
            }
        }
        for (String column : batch.keySet()) {
            if (!columns.containsKey(column)) {
                errors.add(new FieldError("df." + column, "not a column of %s (columns: %s)".formatted(owner, columns.keySet())));
            }
        }
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> column : batch.entrySet()) {
            ValueType type = columns.get(column.getKey());
            if (type == null) {
                continue;
            }
            if (keyColumns.contains(column.getKey()) && !OnlineKeys.isKeyType(type)) {
                errors.add(new FieldError("df." + column.getKey(), "a join key of type %s cannot key the online store".formatted(type)));
                continue;
            }
            values.put(column.getKey(), typed(column.getKey(), column.getValue(), type, timestampRange, now, errors));
        }
        if (!errors.isEmpty()) {
            throw invalid("Invalid rows, nothing was written", errors.size() > MAX_REPORTED_ERRORS ? errors.subList(0, MAX_REPORTED_ERRORS) : errors);
        }
        int rows = count;
        createdTimestampColumn.filter(created -> !values.containsKey(created))
                // every column of the layout is there, so that an offline copy has it (null: not given)
                .ifPresent(created -> values.put(created, Collections.nCopies(rows, null)));
        Map<String, ValueType> types = new LinkedHashMap<>();
        values.keySet().forEach(column -> types.put(column, columns.get(column)));
        return new CheckedRows(count, values, types);
    }

    private List<Object> typed(String column, List<Object> raw, ValueType type, TimestampRange timestampRange, Instant now, List<FieldError> errors) {
        boolean event = column.equals(eventTimestampColumn);
        // event and created timestamps decide newer-wins: one far in the future would hide every later write
        boolean timestamp = event || createdTimestampColumn.equals(Optional.of(column));
        boolean key = keyColumns.contains(column);
        List<Object> converted = new ArrayList<>(raw.size());
        for (int row = 0; row < raw.size(); row++) {
            try {
                Object value = raw.get(row);
                Object typed = timestamp && value != null ? timestampRange.parse(value, now) : JsonTypedValues.convert(value, type);
                if (typed == null && event) {
                    errors.add(new FieldError("df.%s[%d]".formatted(column, row), "the event timestamp is missing"));
                } else if (typed == null && key) {
                    errors.add(new FieldError("df.%s[%d]".formatted(column, row), "a join key cannot be null"));
                }
                converted.add(typed);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("df.%s[%d]".formatted(column, row), e.getMessage()));
                converted.add(null);
            }
        }
        return converted;
    }

    static FeatureStoreException invalid(String message, List<FieldError> errors) {
        return new FeatureStoreException(CommonErrorCode.INVALID_REQUEST,
                "%s: %s".formatted(message, errors.stream().map(error -> error.path() + ": " + error.message()).toList()), errors);
    }

    /**
     * The most rows one request may carry.
     *
     * @param rows how many
     * @param property the property that sets it, named in the 413's message
     */
    public record RowLimit(int rows, String property) {
        public RowLimit {
            requireNonNull(property, "property is null");
        }

        void check(int count) {
            if (count > rows) {
                throw new FeatureStoreException(CommonErrorCode.PAYLOAD_TOO_LARGE,
                        "%d rows is more than the %d one request may carry (%s)".formatted(count, rows, property),
                        List.of(new FieldError("df", "%d rows, at most %d".formatted(count, rows))));
            }
        }
    }
}
