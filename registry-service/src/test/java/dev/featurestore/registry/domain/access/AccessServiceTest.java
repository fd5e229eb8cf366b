package dev.featurestore.registry.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.access.ApiKeys;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.contracts.access.Role;
import dev.featurestore.runtime.error.FeatureStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final InMemoryAccessStore store = new InMemoryAccessStore();
    private final AccessService service = new AccessService(store, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCreatedKeyIsStoredOnlyAsItsHashBoundToItsRolesAndAudited() {
        AccessService.CreatedKey created = service.createKey("rides", "nightly", List.of("viewer", "ingester"), null, "key:admin0000000");

        assertThat(ApiKeys.parse(created.key())).isPresent();
        assertThat(store.findKey(created.record().keyId())).get().satisfies(record -> {
            assertThat(record.secretSha256()).isEqualTo(ApiKeys.sha256Hex(created.key())).doesNotContain(created.key());
            assertThat(ApiKeys.matches(created.key(), record.secretSha256())).isTrue();
        });
        assertThat(store.snapshot().index().permissions(List.of(created.record().principal()), "rides"))
                .containsExactlyInAnyOrder(Permission.READ, Permission.INGEST);
        assertThat(store.snapshot().index().permissions(List.of(created.record().principal()), "other")).isEmpty();
        assertThat(service.auditLog("rides", null, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("key_created");
            assertThat(entry.actor()).isEqualTo("key:admin0000000");
        });
        assertThat(store.version()).isEqualTo(2);
    }

    @Test
    void aRevokedKeyLeavesTheSnapshotAndRevokingItAgainChangesNothing() {
        AccessService.CreatedKey created = service.createKey("rides", "pipeline", List.of("ingester"), null, "user:alice");

        service.revokeKey("rides", created.record().keyId(), "user:alice");
        long version = store.version();
        service.revokeKey("rides", created.record().keyId(), "user:alice");

        assertThat(store.snapshot().index().apiKey(created.record().keyId())).isEmpty();
        assertThat(store.version()).isEqualTo(version);
        assertThatThrownBy(() -> service.revokeKey("other", created.record().keyId(), "user:alice"))
                .isInstanceOf(FeatureStoreException.class).hasMessageContaining("No API key");
    }

    @Test
    void badRequestsNameEveryBadField() {
        assertThatThrownBy(() -> service.createKey("rides", "", List.of("root"), NOW.minus(Duration.ofDays(1)), "user:alice"))
                .isInstanceOfSatisfying(FeatureStoreException.class, exception -> assertThat(exception.errors())
                        .extracting(error -> error.path()).containsExactly("name", "roles[0]", "expires_at"));
        assertThatThrownBy(() -> service.bind("Rides!", "user:bob", "viewer", "user:alice"))
                .isInstanceOfSatisfying(FeatureStoreException.class, exception -> assertThat(exception.errors())
                        .extracting(error -> error.path()).containsExactly("project"));
        assertThatThrownBy(() -> service.bind("rides", "bob", "viewer", "user:alice"))
                .isInstanceOfSatisfying(FeatureStoreException.class, exception -> assertThat(exception.errors())
                        .extracting(error -> error.path()).containsExactly("principal"));
    }

    @Test
    void clearingADeletedProjectDropsItsBindingsAndRevokesItsKeysOnly() {
        AccessService.CreatedKey doomed = service.createKey("doomed", "k", List.of("admin"), null, "user:alice");
        AccessService.CreatedKey kept = service.createKey("kept", "k", List.of("viewer"), null, "user:alice");
        service.bind("doomed", "group:ml", "editor", "user:alice");

        service.clearProject("doomed", "user:alice");

        assertThat(service.bindings("doomed")).isEmpty();
        assertThat(store.findKey(doomed.record().keyId())).get().extracting(key -> key.revoked()).isEqualTo(true);
        assertThat(store.findKey(kept.record().keyId())).get().extracting(key -> key.revoked()).isEqualTo(false);
        assertThat(service.auditLog("doomed", null, 1)).singleElement().extracting(AccessAuditEntry::action).isEqualTo("project_access_cleared");
    }

    @Test
    void rolesNest() {
        assertThat(Role.EDITOR.permissions()).contains(Permission.READ, Permission.INGEST, Permission.EDIT).doesNotContain(Permission.ADMIN);
        assertThat(Role.ADMIN.permissions()).contains(Permission.READ_PII);
        assertThat(Role.PII_READER.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.READ_PII);
    }
}
