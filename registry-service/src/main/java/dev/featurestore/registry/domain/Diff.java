package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One field-level difference between two versions of an object.
 *
 * @param path where, inside the object: list items that have a name are named by it
 *             ({@code [schema, trips_today, dtype]})
 * @param oldValue the value before as plain Java ({@code Map}, {@code List}, scalars), null when absent
 * @param newValue the value after, null when absent
 */
public record Diff(List<String> path, Object oldValue, Object newValue) {
    /** Keys whose string values are symbols (types), shown without quotes. */
    private static final Set<String> SYMBOL_KEYS = Set.of("dtype", "value_type", "type");

    public Diff {
        path = List.copyOf(requireNonNull(path, "path is null"));
    }

    public boolean isAddition() {
        return oldValue == null && newValue != null;
    }

    public boolean isRemoval() {
        return oldValue != null && newValue == null;
    }

    public String pathText() {
        return String.join(".", path);
    }

    /**
     * The difference as docs/evolution.md ("Diffs") writes it.
     *
     * @return such as {@code schema.trips_today.dtype: INT32 -> INT64} or {@code description: "a" -> "b"}
     */
    public String render() {
        String key = path.isEmpty() ? "" : path.get(path.size() - 1);
        return "%s: %s -> %s".formatted(pathText(), render(key, oldValue), render(key, newValue));
    }

    static String render(String key, Object value) {
        if (value == null) {
            return "(none)";
        }
        if (value instanceof String text) {
            return SYMBOL_KEYS.contains(key) ? text : quote(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + render(String.valueOf(entry.getKey()), entry.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> render(key, item)).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public String toString() {
        return render();
    }
}
