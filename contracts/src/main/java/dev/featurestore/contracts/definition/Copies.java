package dev.featurestore.contracts.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Defensive copies that keep {@code null} (an absent optional field stays absent) and keep the
 * order of maps (tags and expressions are shown to people in the order they were written, which
 * {@code Map.copyOf} would not keep).
 */
final class Copies {
    private Copies() {
    }

    static <T> List<T> listOrNull(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    static <K, V> Map<K, V> mapOrNull(Map<K, V> map) {
        return map == null ? null : orderedMap(map);
    }

    static <K, V> Map<K, V> orderedMap(Map<K, V> map) {
        LinkedHashMap<K, V> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(requireNonNull(key, "map key is null"), requireNonNull(value, "map value is null")));
        return Collections.unmodifiableMap(copy);
    }
}
