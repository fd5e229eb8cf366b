package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The point-in-time semantics written as plain loops over rows, from their definition, for comparison with an
 * engine: nothing here runs SQL or shares code with an engine. Source rows are given as the files hold them (each
 * row with its own file's schema, a hive partition value as one more STRING column), so a file without a feature
 * column gives null for it.
 *
 * <p>Two source rows of one view with equal keys, equal event and equal created timestamps (a missing created
 * timestamp equal to another missing one) and different feature values make the pick unspecified: the oracle refuses
 * such data ({@link IllegalStateException}) rather than guess, so the random data never holds them.
 */
public final class PointInTimeOracle {
    private PointInTimeOracle() {
    }

    /**
     * The source rows of one view.
     *
     * @param rows every source row of the view, each with the schema of the file it is in
     */
    public record ViewData(ViewRead view, List<Row> rows) {
        public ViewData {
            requireNonNull(view, "view is null");
            rows = List.copyOf(rows);
        }
    }

    /** The result of a retrieval: per entity row, in order, its values then each view's features. */
    public static List<Row> retrieve(List<Row> entities, String timestampColumn, List<ViewData> views, RowSchema outputSchema) {
        List<Map<List<Object>, List<Row>>> indexes = new ArrayList<>();
        for (ViewData data : views) {
            indexes.add(byKeys(data));
        }
        List<Row> result = new ArrayList<>();
        for (Row entity : entities) {
            Instant time = requireNonNull(entity.getInstant(timestampColumn), "an entity row without a timestamp");
            List<Object> values = new ArrayList<>(entity.values());
            for (int index = 0; index < views.size(); index++) {
                ViewRead view = views.get(index).view();
                Row picked = pick(view, entityKeys(view, entity), time, indexes.get(index));
                for (FeatureColumn feature : view.features()) {
                    values.add(picked == null ? null : feature(picked, feature));
                }
            }
            result.add(new Row(outputSchema, values));
        }
        return result;
    }

    /** The latest row per distinct keys among the rows with an event timestamp in the window, in no particular order. */
    public static List<Row> latest(LatestQuery query, List<Row> rows) {
        ViewRead view = query.view();
        Map<List<Object>, Row> latest = new LinkedHashMap<>();
        for (Row row : rows) {
            List<Object> keys = sourceKeys(view, row);
            Instant event = event(view, row);
            if (keys == null || event == null || event.isBefore(query.start()) || event.isAfter(query.end())) {
                continue;
            }
            Row best = latest.get(keys);
            if (best == null || later(view, row, best)) {
                latest.put(keys, row);
            }
        }
        RowSchema schema = query.outputSchema();
        List<Row> result = new ArrayList<>();
        for (Row row : latest.values()) {
            List<Object> values = new ArrayList<>();
            for (KeyColumn key : view.keys()) {
                values.add(convert(row.get(key.sourceColumn()), key.type()));
            }
            values.add(event(view, row));
            values.add(created(view, row).orElse(null));
            for (FeatureColumn feature : view.features()) {
                values.add(feature(row, feature));
            }
            result.add(new Row(schema, values));
        }
        return result;
    }

    /** The source rows with non-null keys and event timestamp, by their keys (compared as {@link #keyValue} makes them). */
    private static Map<List<Object>, List<Row>> byKeys(ViewData data) {
        Map<List<Object>, List<Row>> index = new HashMap<>();
        for (Row row : data.rows()) {
            List<Object> keys = sourceKeys(data.view(), row);
            if (keys != null && event(data.view(), row) != null) {
                index.computeIfAbsent(keys, ignored -> new ArrayList<>()).add(row);
            }
        }
        return index;
    }

    private static Row pick(ViewRead view, List<Object> keys, Instant time, Map<List<Object>, List<Row>> index) {
        if (keys == null) {
            return null;
        }
        Instant earliest = view.ttl().isZero() ? null : time.minus(view.ttl());
        Row best = null;
        for (Row candidate : index.getOrDefault(keys, List.of())) {
            Instant event = event(view, candidate);
            if (event.isAfter(time) || (earliest != null && event.isBefore(earliest))) {
                continue;
            }
            if (best == null || later(view, candidate, best)) {
                best = candidate;
            }
        }
        return best;
    }

    /** Whether {@code row} is picked before {@code best}: a greater event timestamp, or an equal one and a greater created timestamp. */
    private static boolean later(ViewRead view, Row row, Row best) {
        int events = event(view, row).compareTo(event(view, best));
        if (events != 0) {
            return events > 0;
        }
        Optional<Instant> created = created(view, row);
        Optional<Instant> bestCreated = created(view, best);
        if (created.isPresent() && bestCreated.isPresent() && !created.get().equals(bestCreated.get())) {
            return created.get().isAfter(bestCreated.get());
        }
        if (created.isPresent() != bestCreated.isPresent()) {
            // a missing created timestamp is the oldest
            return created.isPresent();
        }
        for (FeatureColumn feature : view.features()) {
            if (!comparable(feature(row, feature)).equals(comparable(feature(best, feature)))) {
                throw new IllegalStateException("feature view '%s' holds two rows of keys %s, event %s and created %s with different values: %s and %s"
                        .formatted(view.view(), sourceKeys(view, row), event(view, row), created.orElse(null), row, best));
            }
        }
        return false;
    }

    private static Instant event(ViewRead view, Row row) {
        return row.getInstant(view.timestampColumn());
    }

    private static Optional<Instant> created(ViewRead view, Row row) {
        return view.createdColumn().map(row::getInstant);
    }

    private static List<Object> entityKeys(ViewRead view, Row entity) {
        return keys(view, entity, KeyColumn::entityColumn);
    }

    private static List<Object> sourceKeys(ViewRead view, Row row) {
        return keys(view, row, KeyColumn::sourceColumn);
    }

    /** The row's values of the view's keys, from the columns {@code column} names; null when one is null. */
    private static List<Object> keys(ViewRead view, Row row, Function<KeyColumn, String> column) {
        List<Object> keys = new ArrayList<>();
        for (KeyColumn key : view.keys()) {
            Object value = row.get(column.apply(key));
            if (value == null) {
                return null;
            }
            keys.add(keyValue(value));
        }
        return keys;
    }

    /** Keys compare by value: integers of any width as longs, bytes by content. */
    private static Object keyValue(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        return comparable(value);
    }

    /** A feature of a source row in its declared type; null when the row's file has no such column. */
    private static Object feature(Row row, FeatureColumn feature) {
        if (row.schema().indexOf(feature.sourceColumn()).isEmpty()) {
            return null;
        }
        return convert(row.get(feature.sourceColumn()), feature.type());
    }

    /** A file value as a value of the declared type: integers and floats of another width, integers as floats. */
    private static Object convert(Object value, ValueType declared) {
        if (value == null) {
            return null;
        }
        return switch (declared) {
            case INT32 -> Math.toIntExact(((Number) value).longValue());
            case INT64 -> ((Number) value).longValue();
            case FLOAT32 -> ((Number) value).floatValue();
            case FLOAT64 -> value instanceof Float single ? (double) single : ((Number) value).doubleValue();
            case BOOL, STRING, BYTES, UNIX_TIMESTAMP, BOOL_LIST, INT32_LIST, INT64_LIST, FLOAT32_LIST, FLOAT64_LIST, STRING_LIST, BYTES_LIST,
                 UNIX_TIMESTAMP_LIST -> value;
        };
    }

    /** A value that {@link Object#equals} compares by content: bytes as hex text, lists element by element. */
    public static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            List<Object> elements = new ArrayList<>(list.size());
            list.forEach(element -> elements.add(comparable(element)));
            return elements;
        }
        return value;
    }

    /** The values of a row, comparable by {@link Object#equals}, with their Java classes (so an Integer never equals a Long). */
    public static List<Object> comparableValues(Row row) {
        List<Object> values = new ArrayList<>();
        for (Object value : row.values()) {
            values.add(value == null ? null : List.of(value instanceof List ? "List" : value.getClass().getSimpleName(), comparable(value)));
        }
        return values;
    }
}
