package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.PlanAction;
import dev.featurestore.contracts.definition.ObjectKind;
import java.util.List;

/**
 * What an apply does to one object.
 *
 * @param object the object after the change; for a delete, the object as it is now
 * @param diffs field-level differences of an update (empty otherwise)
 * @param breakingChanges the diffs the evolution rules call breaking
 */
public record PlannedChange(DefinitionObject object, PlanAction action, List<Diff> diffs, List<BreakingChange> breakingChanges) {
    public PlannedChange {
        requireNonNull(object, "object is null");
        requireNonNull(action, "action is null");
        diffs = List.copyOf(requireNonNull(diffs, "diffs is null"));
        breakingChanges = List.copyOf(requireNonNull(breakingChanges, "breakingChanges is null"));
    }

    public ObjectKind kind() {
        return object.kind();
    }

    public String name() {
        return object.name();
    }

    public List<String> renderedDiffs() {
        return diffs.stream().map(Diff::render).toList();
    }

    public boolean changes() {
        return action != PlanAction.UNCHANGED;
    }
}
