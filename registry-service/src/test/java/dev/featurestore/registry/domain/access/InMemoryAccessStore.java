package dev.featurestore.registry.domain.access;

import dev.featurestore.contracts.access.AccessSnapshot;
import dev.featurestore.contracts.access.ApiKeyRecord;
import dev.featurestore.contracts.access.RoleBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link AccessStore} in memory, for unit tests of {@link AccessService}. */
final class InMemoryAccessStore implements AccessStore {
    private final Map<String, ApiKeyRecord> keys = new LinkedHashMap<>();
    private final Set<RoleBinding> bindings = new LinkedHashSet<>();
    private final List<AccessAuditEntry> audit = new ArrayList<>();
    private long version = 1;

    @Override
    public void insertKey(ApiKeyRecord key) {
        keys.put(key.keyId(), key);
    }

    @Override
    public Optional<ApiKeyRecord> findKey(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public List<ApiKeyRecord> keys(String project) {
        return keys.values().stream().filter(key -> key.project().equals(project))
                .sorted(Comparator.comparing(ApiKeyRecord::createdAt).reversed()).toList();
    }

    @Override
    public boolean revokeKey(String keyId, String actor, Instant at) {
        ApiKeyRecord key = keys.get(keyId);
        if (key == null || key.revoked()) {
            return false;
        }
        keys.put(keyId, new ApiKeyRecord(key.keyId(), key.secretSha256(), key.name(), key.project(), key.createdAt(), key.createdBy(),
                key.expiresAt(), true));
        return true;
    }

    @Override
    public boolean addBinding(RoleBinding binding, String actor, Instant at) {
        return bindings.add(binding);
    }

    @Override
    public boolean removeBinding(RoleBinding binding) {
        return bindings.remove(binding);
    }

    @Override
    public List<RoleBinding> bindings(String project) {
        return bindings.stream().filter(binding -> binding.project().equals(project)).toList();
    }

    @Override
    public int[] clearProject(String project, String actor, Instant at) {
        int removed = bindings(project).size();
        bindings.removeIf(binding -> binding.project().equals(project));
        int revoked = 0;
        for (ApiKeyRecord key : keys(project)) {
            if (revokeKey(key.keyId(), actor, at)) {
                revoked++;
            }
        }
        return new int[] {removed, revoked};
    }

    @Override
    public void audit(AccessAuditEntry entry) {
        audit.add(new AccessAuditEntry(audit.size() + 1, entry.project(), entry.action(), entry.subject(), entry.detail(), entry.actor(), entry.at()));
    }

    @Override
    public List<AccessAuditEntry> auditLog(String project, Long beforeId, int limit) {
        return audit.stream().filter(entry -> entry.project().equals(project) && (beforeId == null || entry.id() < beforeId))
                .sorted(Comparator.comparingLong(AccessAuditEntry::id).reversed()).limit(limit).toList();
    }

    @Override
    public long bumpVersion() {
        return ++version;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public AccessSnapshot snapshot() {
        return new AccessSnapshot(version, keys.values().stream().filter(key -> !key.revoked()).toList(), List.copyOf(bindings));
    }
}
