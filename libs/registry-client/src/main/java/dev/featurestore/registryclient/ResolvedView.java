package dev.featurestore.registryclient;

import dev.featurestore.contracts.definition.Field;
import java.util.List;
import java.util.Optional;

/**
 * A feature view or an on-demand feature view with every name it refers to resolved.
 */
public sealed interface ResolvedView permits ResolvedFeatureView, ResolvedOnDemandView {
    String project();

    String name();

    /**
     * The features of the view with their types.
     *
     * @return the schema, in declaration order
     */
    List<Field> schema();

    /**
     * The entities whose keys a read of this view needs (for an on-demand view: those of the
     * feature views it reads, directly or through other on-demand views).
     *
     * @return the entities, each once, in first-use order
     */
    List<ResolvedEntity> entities();

    default Optional<Field> feature(String name) {
        return schema().stream().filter(field -> field.name().equals(name)).findFirst();
    }

    default List<String> featureNames() {
        return schema().stream().map(Field::name).toList();
    }
}
