package dev.featurestore.historical.domain.join;

import static java.util.Objects.requireNonNull;

import dev.featurestore.offlineengine.ViewRead;
import dev.featurestore.offlinestore.RowSchema;
import java.util.List;

/**
 * A point-in-time join: for each entity row and each view, the view's latest values as of the row's
 * timestamp (docs/point-in-time.md), then the on-demand steps, then the output columns.
 *
 * @param timestampColumn the entity rows' event timestamp column
 * @param views the feature views to join
 * @param onDemandSteps the on-demand views to compute, in dependency order
 * @param output the columns of the result: the entity columns, then the features
 */
public record JoinPlan(String timestampColumn, List<ViewRead> views, List<OnDemandStep> onDemandSteps, List<OutputColumn> output) {
    public JoinPlan {
        requireNonNull(timestampColumn, "timestampColumn is null");
        views = List.copyOf(requireNonNull(views, "views is null"));
        onDemandSteps = List.copyOf(requireNonNull(onDemandSteps, "onDemandSteps is null"));
        output = List.copyOf(requireNonNull(output, "output is null"));
        new RowSchema(output.stream().map(OutputColumn::column).toList());
    }

    public RowSchema outputSchema() {
        return new RowSchema(output.stream().map(OutputColumn::column).toList());
    }
}
