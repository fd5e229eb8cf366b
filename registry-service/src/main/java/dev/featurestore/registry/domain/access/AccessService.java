package dev.featurestore.registry.domain.access;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.access.AccessSnapshot;
import dev.featurestore.contracts.access.ApiKeyRecord;
import dev.featurestore.contracts.access.ApiKeys;
import dev.featurestore.contracts.access.Role;
import dev.featurestore.contracts.access.RoleBinding;
import dev.featurestore.contracts.validation.Names;
import dev.featurestore.contracts.validation.Text;
import dev.featurestore.registry.domain.RegistryErrorCode;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.security.Principals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates and revokes API keys and binds roles, each change audited (with the authenticated principal) and bumping the
 * access version in the same transaction. A project here is a project name or {@code *} (every project; only admins
 * of every project change those). A key is shown once, when it is created; only its SHA-256 is stored.
 */
@Singleton
public class AccessService {
    public static final int MAX_ACTIVE_KEYS_PER_PROJECT = 1_000;
    public static final int MAX_BINDINGS_PER_PROJECT = 10_000;
    public static final Duration MAX_KEY_LIFETIME = Duration.ofDays(5 * 366);
    private static final int MAX_NAME_LENGTH = 200;

    private final AccessStore store;
    private final Clock clock;

    public AccessService(AccessStore store) {
        this(store, Clock.systemUTC());
    }

    AccessService(AccessStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A key as created: the secret is in {@code key}, shown this once. */
    public record CreatedKey(ApiKeyRecord record, String key, List<Role> roles) {
    }

    @Transactional
    public CreatedKey createKey(String project, @Nullable String name, @Nullable List<String> roles, @Nullable Instant expiresAt, String actor) {
        checkProject(project);
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        }
        else {
            Text.problem(name, MAX_NAME_LENGTH, false).ifPresent(message -> errors.add(new FieldError("name", message)));
        }
        List<Role> parsedRoles = roles(roles, errors, "roles");
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_KEY_LIFETIME)))) {
            errors.add(new FieldError("expires_at", "must be in the future and at most %d days from now".formatted(MAX_KEY_LIFETIME.toDays())));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        long active = store.keys(project).stream().filter(key -> key.usableAt(now)).count();
        if (active >= MAX_ACTIVE_KEYS_PER_PROJECT) {
            throw new FeatureStoreException(CommonErrorCode.CONFLICT,
                    "Project '%s' already has %d active API keys; revoke some first".formatted(project, active));
        }
        ApiKeys.NewKey newKey = ApiKeys.generate();
        ApiKeyRecord record = new ApiKeyRecord(newKey.keyId(), newKey.secretSha256(), name.strip(), project, now, actor, expiresAt, false);
        store.insertKey(record);
        for (Role role : parsedRoles) {
            store.addBinding(new RoleBinding(project, record.principal(), role), actor, now);
        }
        store.audit(new AccessAuditEntry(0, project, "key_created", record.keyId(),
                "name=%s roles=%s".formatted(record.name(), wireNames(parsedRoles)), actor, now));
        store.bumpVersion();
        return new CreatedKey(record, newKey.key(), parsedRoles);
    }

    @Transactional(readOnly = true)
    public List<ApiKeyRecord> keys(String project) {
        checkProject(project);
        return store.keys(project);
    }

    /** Revokes a key of {@code project}; revoking a revoked key is a no-op that still answers the key. */
    @Transactional
    public ApiKeyRecord revokeKey(String project, String keyId, String actor) {
        checkProject(project);
        ApiKeyRecord key = store.findKey(keyId)
                .filter(found -> found.project().equals(project))
                .orElseThrow(() -> new FeatureStoreException(RegistryErrorCode.API_KEY_NOT_FOUND,
                        "No API key %s in project '%s'".formatted(Text.quote(keyId), project)));
        Instant now = clock.instant();
        if (store.revokeKey(keyId, actor, now)) {
            store.audit(new AccessAuditEntry(0, project, "key_revoked", keyId, "name=" + key.name(), actor, now));
            store.bumpVersion();
        }
        return store.findKey(keyId).orElseThrow();
    }

    /** Binds a role; true when it is new. */
    @Transactional
    public boolean bind(String project, @Nullable String principal, @Nullable String role, String actor) {
        RoleBinding binding = binding(project, principal, role);
        if (store.bindings(project).size() >= MAX_BINDINGS_PER_PROJECT) {
            throw new FeatureStoreException(CommonErrorCode.CONFLICT,
                    "Project '%s' already has %d role bindings".formatted(project, MAX_BINDINGS_PER_PROJECT));
        }
        Instant now = clock.instant();
        boolean added = store.addBinding(binding, actor, now);
        if (added) {
            store.audit(new AccessAuditEntry(0, project, "binding_added", binding.principal(), "role=" + binding.role().wireName(), actor, now));
            store.bumpVersion();
        }
        return added;
    }

    @Transactional
    public void unbind(String project, @Nullable String principal, @Nullable String role, String actor) {
        RoleBinding binding = binding(project, principal, role);
        if (!store.removeBinding(binding)) {
            throw new FeatureStoreException(RegistryErrorCode.ROLE_BINDING_NOT_FOUND, "'%s' has no role %s in '%s'".formatted(
                    binding.principal(), binding.role().wireName(), project));
        }
        store.audit(new AccessAuditEntry(0, project, "binding_removed", binding.principal(), "role=" + binding.role().wireName(), actor,
                clock.instant()));
        store.bumpVersion();
    }

    @Transactional(readOnly = true)
    public List<RoleBinding> bindings(String project) {
        checkProject(project);
        return store.bindings(project);
    }

    /** Everything the other services need to authenticate and authorize, of one moment. */
    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public AccessSnapshot snapshot() {
        return store.snapshot();
    }

    @Transactional(readOnly = true)
    public long version() {
        return store.version();
    }

    @Transactional(readOnly = true)
    public List<AccessAuditEntry> auditLog(String project, @Nullable Long beforeId, int limit) {
        checkProject(project);
        return store.auditLog(project, beforeId, limit);
    }

    /**
     * The project is deleted: its role bindings go and its keys are revoked, so a project created again with the same
     * name starts with no grants. Runs in the caller's transaction.
     */
    @Transactional
    public void clearProject(String project, String actor) {
        Instant now = clock.instant();
        int[] cleared = store.clearProject(project, actor, now);
        if (cleared[0] + cleared[1] > 0) {
            store.audit(new AccessAuditEntry(0, project, "project_access_cleared", project,
                    "bindings_removed=%d keys_revoked=%d".formatted(cleared[0], cleared[1]), actor, now));
            store.bumpVersion();
        }
    }

    private static RoleBinding binding(String project, String principal, String role) {
        checkProject(project);
        List<FieldError> errors = new ArrayList<>();
        if (principal == null || principal.isBlank()) {
            errors.add(new FieldError("principal", "is required"));
        }
        else if (!Principals.isValid(principal)) {
            errors.add(new FieldError("principal", "%s is not a principal: user:<subject>, group:<name> or key:<key id>".formatted(
                    Text.quote(principal))));
        }
        List<Role> roles = roles(role == null ? null : List.of(role), errors, "role");
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new RoleBinding(project, principal, roles.get(0));
    }

    private static List<Role> roles(List<String> roles, List<FieldError> errors, String field) {
        if (roles == null || roles.isEmpty()) {
            errors.add(new FieldError(field, "%s is required".formatted(field.equals("role") ? "one of " + Role.wireNames()
                    : "at least one of " + Role.wireNames())));
            return List.of();
        }
        Set<Role> parsed = new LinkedHashSet<>();
        for (int i = 0; i < roles.size() && i < 10; i++) {
            try {
                parsed.add(Role.fromWireName(roles.get(i)));
            }
            catch (IllegalArgumentException e) {
                errors.add(new FieldError(field.equals("role") ? field : "%s[%d]".formatted(field, i), e.getMessage()));
            }
        }
        if (roles.size() > 10) {
            errors.add(new FieldError(field, "at most 10 roles"));
        }
        return List.copyOf(parsed);
    }

    private static void checkProject(String project) {
        if (RoleBinding.ALL_PROJECTS.equals(project)) {
            return;
        }
        Optional<String> problem = project == null ? Optional.of("is required") : Names.lookupProblem(project);
        problem.ifPresent(message -> {
            throw invalid(List.of(new FieldError("project", message)));
        });
    }

    private static FeatureStoreException invalid(List<FieldError> errors) {
        return new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED, errors.size() == 1
                ? "Invalid request: %s %s".formatted(errors.get(0).path(), errors.get(0).message())
                : "Invalid request: %d invalid fields".formatted(errors.size()), errors);
    }

    private static String wireNames(List<Role> roles) {
        return roles.stream().map(Role::wireName).collect(Collectors.joining(","));
    }
}
