package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.PlanAction;
import dev.featurestore.contracts.definition.ObjectKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares an applied document with a project's current objects: each object of the document is
 * created, updated (with its diffs and the breaking ones among them) or unchanged; with
 * {@code prune}, each current object the document does not name is deleted. Changes come by kind
 * ({@link DefinitionObjects#KINDS}), document objects in document order, then the deletes by name.
 */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(List<DefinitionObject> document, List<DefinitionObject> current, boolean prune) {
        requireNonNull(document, "document is null");
        requireNonNull(current, "current is null");
        Map<Key, DefinitionObject> currentByKey = new LinkedHashMap<>();
        current.forEach(object -> currentByKey.put(Key.of(object), object));
        Set<Key> named = new HashSet<>();
        List<PlannedChange> changes = new ArrayList<>();
        for (ObjectKind kind : DefinitionObjects.KINDS) {
            for (DefinitionObject object : document) {
                if (object.kind() == kind && named.add(Key.of(object))) {
                    changes.add(change(currentByKey.get(Key.of(object)), object));
                }
            }
            if (prune) {
                current.stream()
                        .filter(object -> object.kind() == kind && !named.contains(Key.of(object)))
                        .sorted(Comparator.comparing(DefinitionObject::name))
                        .forEach(object -> changes.add(new PlannedChange(object, PlanAction.DELETE, List.of(), List.of())));
            }
        }
        return new Plan(changes);
    }

    /**
     * The change from one version of an object to another.
     *
     * @param before the current object, null when there is none
     * @param after the object applied
     * @return a create, update or unchanged
     */
    public static PlannedChange change(DefinitionObject before, DefinitionObject after) {
        requireNonNull(after, "after is null");
        if (before == null) {
            return new PlannedChange(after, PlanAction.CREATE, List.of(), List.of());
        }
        List<Diff> diffs = ObjectDiffer.diff(
                DefinitionObjects.plain(DefinitionObjects.toTree(before)), DefinitionObjects.plain(DefinitionObjects.toTree(after)));
        if (diffs.isEmpty()) {
            return new PlannedChange(after, PlanAction.UNCHANGED, List.of(), List.of());
        }
        return new PlannedChange(after, PlanAction.UPDATE, diffs, EvolutionRules.breakingChanges(after.kind(), after.name(), diffs));
    }

    private record Key(ObjectKind kind, String name) {
        static Key of(DefinitionObject object) {
            return new Key(object.kind(), object.name());
        }
    }
}
