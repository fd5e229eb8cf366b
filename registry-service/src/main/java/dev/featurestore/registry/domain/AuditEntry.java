package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import java.time.Instant;
import java.util.List;

/**
 * One row of the audit log: who changed what, when.
 *
 * @param id the position in the log, increasing; 0 before it is written
 * @param version the object's version after the change
 * @param diffs the field-level differences of an update, as rendered in apply answers
 * @param actor who: the authenticated principal ({@code key:<id>}, {@code user:<sub>}; {@code anonymous} with security off)
 */
public record AuditEntry(long id, String project, ObjectKind kind, String name, int version, ChangeAction action,
                         List<String> diffs, String actor, long registryVersion, Instant at) {
    public AuditEntry {
        requireNonNull(project, "project is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(action, "action is null");
        diffs = List.copyOf(requireNonNull(diffs, "diffs is null"));
        requireNonNull(actor, "actor is null");
        requireNonNull(at, "at is null");
    }
}
