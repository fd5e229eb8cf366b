package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import java.util.List;

/**
 * The features requested of one view.
 *
 * @param view the feature view or on-demand view
 * @param features the requested features, in request order
 */
public record ViewSelection(ResolvedView view, List<Field> features) {
    public ViewSelection {
        requireNonNull(view, "view is null");
        features = List.copyOf(requireNonNull(features, "features is null"));
    }

    public List<String> featureNames() {
        return features.stream().map(Field::name).toList();
    }
}
