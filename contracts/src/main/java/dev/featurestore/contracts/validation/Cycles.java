package dev.featurestore.contracts.validation;

import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.featurestore.contracts.validation.JsonValues.elements;
import static dev.featurestore.contracts.validation.JsonValues.text;

/**
 * Finds cycles among on-demand feature views (a view that reads, directly or not, itself). Each
 * cycle is reported once, on the member defined first in the document, as
 * {@code a -> b -> a}; members may be existing views.
 */
final class Cycles {
    private static final String SECTION = "on_demand_feature_views";

    private final DocumentIndex index;
    private final Map<String, Integer> positions = new LinkedHashMap<>();
    private final Map<String, Boolean> onStack = new HashMap<>();
    private final List<String> stack = new ArrayList<>();
    private final Set<List<String>> seen = new HashSet<>();
    private final Map<String, List<String>> messages = new LinkedHashMap<>();

    private Cycles(DocumentIndex index) {
        this.index = index;
    }

    /**
     * The cycle messages by the path they belong to ({@code on_demand_feature_views[i].sources}).
     */
    static Map<String, List<String>> find(JsonNode document, DocumentIndex index) {
        Cycles cycles = new Cycles(index);
        List<JsonNode> views = elements(document, SECTION);
        for (int i = 0; i < views.size(); i++) {
            String path = Paths.index(SECTION, i);
            int position = i;
            text(views.get(i), "name")
                    .filter(name -> path.equals(index.firstViewPath(name)))
                    .ifPresent(name -> cycles.positions.put(name, position));
        }
        cycles.positions.keySet().forEach(name -> {
            if (!cycles.onStack.containsKey(name)) {
                cycles.visit(name);
            }
        });
        return cycles.messages;
    }

    private void visit(String name) {
        onStack.put(name, true);
        stack.add(name);
        for (String source : onDemandSources(name)) {
            Boolean sourceOnStack = onStack.get(source);
            if (sourceOnStack == null) {
                visit(source);
            }
            else if (sourceOnStack) {
                record(new ArrayList<>(stack.subList(stack.indexOf(source), stack.size())));
            }
        }
        stack.remove(stack.size() - 1);
        onStack.put(name, false);
    }

    private List<String> onDemandSources(String name) {
        return index.view(name)
                .filter(DocumentIndex.View::isOnDemand)
                .map(view -> view.sources().stream()
                        .filter(source -> index.view(source).filter(DocumentIndex.View::isOnDemand).isPresent())
                        .distinct()
                        .toList())
                .orElse(List.of());
    }

    private void record(List<String> members) {
        int first = 0;
        for (int i = 1; i < members.size(); i++) {
            if (position(members.get(i)) < position(members.get(first))) {
                first = i;
            }
        }
        List<String> rotated = new ArrayList<>(members.subList(first, members.size()));
        rotated.addAll(members.subList(0, first));
        Integer position = positions.get(rotated.get(0));
        if (position == null || !seen.add(rotated)) {
            return;
        }
        List<String> path = new ArrayList<>(rotated);
        path.add(rotated.get(0));
        messages.computeIfAbsent(Paths.field(Paths.index(SECTION, position), "sources"), key -> new ArrayList<>())
                .add("cycle among on-demand feature views: " + String.join(" -> ", path));
    }

    private int position(String name) {
        return positions.getOrDefault(name, Integer.MAX_VALUE);
    }
}
