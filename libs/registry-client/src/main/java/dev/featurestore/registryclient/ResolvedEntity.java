package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.JoinKey;
import java.util.List;

/**
 * An entity of a view with its join keys, in the order the entity declares them.
 *
 * @param definition the entity as the registry holds it
 */
public record ResolvedEntity(Entity definition) {
    public ResolvedEntity {
        requireNonNull(definition, "definition is null");
    }

    public String name() {
        return definition.name();
    }

    /**
     * The join keys with their value types.
     *
     * @return the keys, in declaration order
     */
    public List<JoinKey> joinKeys() {
        return definition.joinKeys();
    }

    public List<String> joinKeyNames() {
        return definition.joinKeys().stream().map(JoinKey::name).toList();
    }
}
