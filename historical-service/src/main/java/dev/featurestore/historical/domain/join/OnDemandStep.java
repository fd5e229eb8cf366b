package dev.featurestore.historical.domain.join;

import static java.util.Objects.requireNonNull;

import dev.featurestore.transforms.CompiledOnDemandView;
import java.util.List;

/**
 * An on-demand view computed for each output row, after the views it reads (steps run in list order,
 * so a step reads only earlier steps).
 *
 * @param view the compiled view
 * @param inputs every {@code source.field} its expressions read, and where the value comes from
 */
public record OnDemandStep(CompiledOnDemandView view, List<Input> inputs) {
    public OnDemandStep {
        requireNonNull(view, "view is null");
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    }

    /** {@code source.field} in an expression, and where its value comes from. */
    public record Input(String source, String field, ValueOrigin origin) {
        public Input {
            requireNonNull(source, "source is null");
            requireNonNull(field, "field is null");
            requireNonNull(origin, "origin is null");
        }
    }
}
