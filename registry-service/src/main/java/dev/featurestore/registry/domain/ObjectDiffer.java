package dev.featurestore.registry.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Field-level differences between two versions of an object, as plain Java trees
 * ({@link DefinitionObjects#plain}). Objects are compared key by key; lists whose items are objects
 * with a distinct {@code name} (schemas, join keys) or {@code feature_view} (feature-service items)
 * are compared item by item under that name; other lists (entities, sources) as a whole.
 */
public final class ObjectDiffer {
    private static final List<String> ITEM_KEYS = List.of("name", "feature_view");
    /** Maps whose entries are named one by one even when the whole map is added or removed. */
    private static final Set<String> MAP_KEYS = Set.of("tags", "field_mapping", "expressions");

    private ObjectDiffer() {
    }

    public static List<Diff> diff(Object oldTree, Object newTree) {
        List<Diff> diffs = new ArrayList<>();
        diff(new ArrayList<>(), oldTree, newTree, diffs);
        return List.copyOf(diffs);
    }

    private static void diff(List<String> path, Object oldValue, Object newValue, List<Diff> diffs) {
        if (Objects.equals(oldValue, newValue)) {
            return;
        }
        if (!path.isEmpty() && MAP_KEYS.contains(path.get(path.size() - 1))) {
            oldValue = oldValue == null ? Map.of() : oldValue;
            newValue = newValue == null ? Map.of() : newValue;
        }
        if (oldValue instanceof Map<?, ?> oldMap && newValue instanceof Map<?, ?> newMap) {
            diffEntries(path, asStringMap(oldMap), asStringMap(newMap), diffs);
            return;
        }
        if (oldValue instanceof List<?> oldList && newValue instanceof List<?> newList) {
            Optional<Map<String, Object>> oldItems = itemsByName(oldList);
            Optional<Map<String, Object>> newItems = itemsByName(newList);
            if (oldItems.isPresent() && newItems.isPresent()) {
                int before = diffs.size();
                diffEntries(path, oldItems.get(), newItems.get(), diffs);
                if (diffs.size() == before) {
                    // Same items, other order: the order of a schema is the order of output columns.
                    diffs.add(new Diff(path, List.copyOf(oldItems.get().keySet()), List.copyOf(newItems.get().keySet())));
                }
                return;
            }
        }
        diffs.add(new Diff(path, oldValue, newValue));
    }

    private static void diffEntries(List<String> path, Map<String, Object> oldMap, Map<String, Object> newMap, List<Diff> diffs) {
        Set<String> keys = new LinkedHashSet<>(oldMap.keySet());
        keys.addAll(newMap.keySet());
        for (String key : keys) {
            path.add(key);
            diff(path, oldMap.get(key), newMap.get(key), diffs);
            path.remove(path.size() - 1);
        }
    }

    private static Map<String, Object> asStringMap(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> result.put(String.valueOf(key), value));
        return result;
    }

    /** The items of a list under their names, when every item is an object with a distinct name. */
    private static Optional<Map<String, Object>> itemsByName(List<?> list) {
        if (list.isEmpty()) {
            return Optional.of(Map.of());
        }
        for (String itemKey : ITEM_KEYS) {
            Map<String, Object> items = new LinkedHashMap<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> map) || !(map.get(itemKey) instanceof String name) || items.containsKey(name)) {
                    items = null;
                    break;
                }
                items.put(name, item);
            }
            if (items != null) {
                return Optional.of(items);
            }
        }
        return Optional.empty();
    }
}
