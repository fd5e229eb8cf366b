package dev.featurestore.historical.domain.join;

import static java.util.Objects.requireNonNull;

/** Where a value of an output row, or an on-demand input, comes from. */
public sealed interface ValueOrigin {
    /** A column of the entity rows, passed through untouched. */
    record EntityColumn(String column) implements ValueOrigin {
        public EntityColumn {
            requireNonNull(column, "column is null");
        }
    }

    /** Feature {@code feature} of {@link JoinPlan#views()}{@code .get(view)}, as of the entity row's timestamp. */
    record ViewFeature(int view, int feature) implements ValueOrigin {
    }

    /** Feature {@code feature} of {@link JoinPlan#onDemandSteps()}{@code .get(step)}. */
    record OnDemandFeature(int step, String feature) implements ValueOrigin {
        public OnDemandFeature {
            requireNonNull(feature, "feature is null");
        }
    }
}
