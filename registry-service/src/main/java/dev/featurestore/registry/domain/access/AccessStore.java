package dev.featurestore.registry.domain.access;

import dev.featurestore.contracts.access.AccessSnapshot;
import dev.featurestore.contracts.access.ApiKeyRecord;
import dev.featurestore.contracts.access.RoleBinding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys, role bindings and their audit log. Every write bumps the access version; callers hold a transaction.
 */
public interface AccessStore {
    void insertKey(ApiKeyRecord key);

    Optional<ApiKeyRecord> findKey(String keyId);

    /** Keys created in {@code project} ({@code *} for global ones), newest first, revoked ones included. */
    List<ApiKeyRecord> keys(String project);

    /** Marks a key revoked; false when it was already revoked or does not exist. */
    boolean revokeKey(String keyId, String actor, Instant at);

    /** Adds a binding; false when it existed. */
    boolean addBinding(RoleBinding binding, String actor, Instant at);

    /** Removes a binding; false when it did not exist. */
    boolean removeBinding(RoleBinding binding);

    List<RoleBinding> bindings(String project);

    /** Removes the project's bindings and revokes its keys (the project is deleted); returns how many of each. */
    int[] clearProject(String project, String actor, Instant at);

    void audit(AccessAuditEntry entry);

    /** The project's audit entries with an id below {@code beforeId} (null: from the newest), newest first. */
    List<AccessAuditEntry> auditLog(String project, Long beforeId, int limit);

    long bumpVersion();

    long version();

    AccessSnapshot snapshot();
}
