package dev.featurestore.contracts.validation;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.OnDemandFeatureView;

import java.util.Optional;

/**
 * Objects already in the registry, so a document may refer to objects it does not define (an
 * apply of only a feature service, say). A name the document defines is always resolved in the
 * document; these lookups are asked only for names it does not define.
 */
public interface ExistingObjects {
    /**
     * No objects: every reference must be resolved in the document itself.
     */
    ExistingObjects NONE = new ExistingObjects() {
    };

    static ExistingObjects none() {
        return NONE;
    }

    /**
     * The objects of a document, e.g. the registry's current snapshot of a project.
     *
     * @param document the objects that exist
     * @return a lookup by name (the first object of a name wins)
     */
    static ExistingObjects of(DefinitionDocument document) {
        return new DocumentObjects(document);
    }

    default Optional<Entity> entity(String name) {
        return Optional.empty();
    }

    default Optional<DataSource> dataSource(String name) {
        return Optional.empty();
    }

    default Optional<FeatureView> featureView(String name) {
        return Optional.empty();
    }

    default Optional<OnDemandFeatureView> onDemandFeatureView(String name) {
        return Optional.empty();
    }
}
