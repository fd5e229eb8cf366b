package dev.featurestore.contracts.access;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An API key as the registry keeps it: never the secret, only its SHA-256 ({@link ApiKeys}).
 *
 * @param keyId the public part of the key, also its principal {@code key:<key id>}
 * @param secretSha256 lower-case hex SHA-256 of the whole key
 * @param name what it is for
 * @param project the project it was created in, {@code *} for a key created by a global admin
 * @param expiresAt after which it no longer authenticates, or null
 * @param revoked whether it was revoked
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyRecord(
        @JsonProperty("key_id") String keyId,
        @JsonProperty("secret_sha256") String secretSha256,
        String name,
        String project,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("expires_at") @Nullable Instant expiresAt,
        boolean revoked) {
    public ApiKeyRecord {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(secretSha256, "secretSha256 is null");
        requireNonNull(name, "name is null");
        requireNonNull(project, "project is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(createdBy, "createdBy is null");
    }

    public String principal() {
        return ApiKeys.principalOf(keyId);
    }

    public boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }
}
