package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ObjectKind;

/**
 * One object of a definition document: an {@code Entity}, {@code DataSource}, {@code FeatureView},
 * {@code OnDemandFeatureView} or {@code FeatureService} of contracts, with its kind and name.
 */
public record DefinitionObject(ObjectKind kind, String name, Object definition) {
    public DefinitionObject {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(definition, "definition is null");
        if (kind == ObjectKind.PROJECT) {
            throw new IllegalArgumentException("a project is not an object of a definition document");
        }
    }
}
