package dev.featurestore.registry.domain.access;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One change of who may do what.
 *
 * @param id its place in the log (0 before it is written)
 * @param project the project, or {@code *}
 * @param action {@code key_created}, {@code key_revoked}, {@code binding_added}, {@code binding_removed},
 *     {@code project_access_cleared}
 * @param subject the key id or the principal
 * @param detail the roles, the key's name
 * @param actor the authenticated principal who did it
 */
public record AccessAuditEntry(long id, String project, String action, String subject, String detail, String actor, Instant at) {
    public AccessAuditEntry {
        requireNonNull(project, "project is null");
        requireNonNull(action, "action is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(at, "at is null");
    }
}
