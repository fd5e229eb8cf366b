package dev.featurestore.contracts.access;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every API key (hashes only) and role binding, as the registry serves them to the other services
 * ({@code GET /v1/access}); {@code version} grows with every change.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccessSnapshot(
        long version,
        @JsonProperty("api_keys") List<ApiKeyRecord> apiKeys,
        @JsonProperty("role_bindings") List<RoleBinding> roleBindings) {
    private static final AccessSnapshot EMPTY = new AccessSnapshot(0, List.of(), List.of());

    public AccessSnapshot {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        roleBindings = roleBindings == null ? List.of() : List.copyOf(roleBindings);
    }

    public static AccessSnapshot empty() {
        return EMPTY;
    }

    /** The snapshot indexed for lookups; build it once per snapshot. */
    public Index index() {
        return new Index(this);
    }

    /** Lookups over one snapshot. */
    public static final class Index {
        private final long version;
        private final Map<String, ApiKeyRecord> keysById;
        private final Map<String, List<RoleBinding>> bindingsByPrincipal;

        private Index(AccessSnapshot snapshot) {
            this.version = snapshot.version();
            this.keysById = snapshot.apiKeys().stream().collect(Collectors.toUnmodifiableMap(ApiKeyRecord::keyId, Function.identity(), (a, b) -> a));
            Map<String, List<RoleBinding>> byPrincipal = new HashMap<>();
            for (RoleBinding binding : snapshot.roleBindings()) {
                byPrincipal.computeIfAbsent(binding.principal(), principal -> new ArrayList<>()).add(binding);
            }
            byPrincipal.replaceAll((principal, bindings) -> List.copyOf(bindings));
            this.bindingsByPrincipal = Map.copyOf(byPrincipal);
        }

        public long version() {
            return version;
        }

        public Optional<ApiKeyRecord> apiKey(String keyId) {
            return Optional.ofNullable(keysById.get(keyId));
        }

        /** What any of these principals may do in {@code project}. */
        @JsonIgnore
        public Set<Permission> permissions(Collection<String> principals, String project) {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (String principal : principals) {
                for (RoleBinding binding : bindingsByPrincipal.getOrDefault(principal, List.of())) {
                    if (binding.appliesTo(project)) {
                        permissions.addAll(binding.role().permissions());
                    }
                }
            }
            return permissions;
        }
    }
}
