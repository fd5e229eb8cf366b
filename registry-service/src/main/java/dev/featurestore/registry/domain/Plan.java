package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What an apply does: one change per object of the document, plus the deletes of a prune. */
public record Plan(List<PlannedChange> changes) {
    public Plan {
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
    }

    public boolean changesSomething() {
        return changes.stream().anyMatch(PlannedChange::changes);
    }

    public List<BreakingChange> breakingChanges() {
        return changes.stream().flatMap(change -> change.breakingChanges().stream()).toList();
    }
}
