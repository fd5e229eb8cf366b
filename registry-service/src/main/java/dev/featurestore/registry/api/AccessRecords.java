package dev.featurestore.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.access.ApiKeyRecord;
import dev.featurestore.contracts.access.Role;
import dev.featurestore.contracts.access.RoleBinding;
import dev.featurestore.registry.domain.access.AccessAuditEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of {@link AccessController}. */
final class AccessRecords {
    private AccessRecords() {
    }

    @Serdeable
    record CreateApiKeyRequest(@Nullable String name, @Nullable List<String> roles, @JsonProperty("expires_at") @Nullable Instant expiresAt) {
    }

    @Serdeable
    record RoleBindingRequest(@Nullable String principal, @Nullable String role) {
    }

    /** A key as listed; {@code key} (the secret) only in the answer that created it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiKeyResponse(
            @JsonProperty("key_id") String keyId,
            String principal,
            String name,
            String project,
            @Nullable List<String> roles,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("expires_at") @Nullable Instant expiresAt,
            boolean revoked,
            @Nullable String key) {
        static ApiKeyResponse of(ApiKeyRecord record, @Nullable List<Role> roles, @Nullable String key) {
            return new ApiKeyResponse(record.keyId(), record.principal(), record.name(), record.project(),
                    roles == null ? null : roles.stream().map(Role::wireName).toList(),
                    record.createdAt(), record.createdBy(), record.expiresAt(), record.revoked(), key);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ApiKeyListResponse(String project, @JsonProperty("api_keys") List<ApiKeyResponse> apiKeys) {
    }

    @Serdeable
    record RoleBindingResponse(String project, String principal, String role) {
        static RoleBindingResponse of(RoleBinding binding) {
            return new RoleBindingResponse(binding.project(), binding.principal(), binding.role().wireName());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RoleBindingListResponse(String project, @JsonProperty("role_bindings") List<RoleBindingResponse> roleBindings) {
    }

    @Serdeable
    record AccessAuditEntryResponse(long id, String project, String action, String subject, String detail, String actor, Instant at) {
        static AccessAuditEntryResponse of(AccessAuditEntry entry) {
            return new AccessAuditEntryResponse(entry.id(), entry.project(), entry.action(), entry.subject(), entry.detail(), entry.actor(),
                    entry.at());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AccessAuditPageResponse(String project, List<AccessAuditEntryResponse> entries, @JsonProperty("next_cursor") @Nullable String nextCursor) {
    }
}
