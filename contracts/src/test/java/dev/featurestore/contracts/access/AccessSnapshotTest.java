package dev.featurestore.contracts.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.json.ContractsJson;
import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessSnapshotTest {
    @Test
    void roundTripsThroughJsonEvenWhenEmpty() throws IOException {
        AccessSnapshot empty = new AccessSnapshot(3, List.of(), List.of());
        String json = new String(ContractsJson.mapper().writeValueAsBytes(empty));

        assertThat(json).contains("\"api_keys\":[]").contains("\"role_bindings\":[]");
        assertThat(ContractsJson.mapper().readValue(json, Argument.of(AccessSnapshot.class))).isEqualTo(empty);
    }

    @Test
    void answersPermissionsOfAUserAndItsGroupsPerProjectAndEverywhere() {
        ApiKeys.NewKey key = ApiKeys.generate();
        AccessSnapshot snapshot = new AccessSnapshot(2,
                List.of(new ApiKeyRecord(key.keyId(), key.secretSha256(), "k", "rides", Instant.EPOCH, "user:alice", null, false)),
                List.of(new RoleBinding("rides", "user:bob", Role.VIEWER), new RoleBinding("rides", "group:ml", Role.EDITOR),
                        new RoleBinding(RoleBinding.ALL_PROJECTS, "group:auditors", Role.VIEWER)));
        AccessSnapshot.Index index = snapshot.index();

        assertThat(index.permissions(List.of("user:bob", "group:ml"), "rides")).contains(Permission.EDIT).doesNotContain(Permission.ADMIN);
        assertThat(index.permissions(List.of("user:bob"), "other")).isEmpty();
        assertThat(index.permissions(List.of("user:carol", "group:auditors"), "any_project")).containsExactly(Permission.READ);
        assertThat(index.apiKey(key.keyId())).isPresent();
    }

    @Test
    void keysHaveTheDocumentedFormatAndMatchOnlyTheirHash() {
        ApiKeys.NewKey key = ApiKeys.generate();

        assertThat(key.key()).matches("fsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        assertThat(ApiKeys.parse(key.key())).get().extracting(ApiKeys.Presented::keyId).isEqualTo(key.keyId());
        assertThat(ApiKeys.matches(key.key(), key.secretSha256())).isTrue();
        String lastChanged = key.key().substring(0, 59) + (key.key().charAt(59) == 'x' ? 'y' : 'x');
        assertThat(ApiKeys.matches(lastChanged, key.secretSha256())).isFalse();
        assertThat(ApiKeys.parse("fsk_short")).isEmpty();
        assertThat(ApiKeys.parse(key.key() + " ")).isEmpty();
        assertThat(ApiKeys.generate().key()).isNotEqualTo(key.key());
    }
}
