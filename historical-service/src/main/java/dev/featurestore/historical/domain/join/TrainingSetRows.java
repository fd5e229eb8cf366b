package dev.featurestore.historical.domain.join;

import static java.util.Objects.requireNonNull;

import dev.featurestore.historical.domain.join.ValueOrigin.EntityColumn;
import dev.featurestore.historical.domain.join.ValueOrigin.OnDemandFeature;
import dev.featurestore.historical.domain.join.ValueOrigin.ViewFeature;
import dev.featurestore.offlineengine.Retrieval;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.transforms.EvaluationResult;
import dev.featurestore.transforms.ExpressionError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the engine's rows (entity columns, then each view's features) into the training set's rows: the on-demand
 * views computed for each row by the same evaluator serving uses, then the output columns in the plan's order. Not
 * thread-safe (it counts the expression errors it met).
 */
public final class TrainingSetRows implements Function<ColumnBatch, ColumnBatch> {
    /** Expression errors kept for the log; the rest are only counted. */
    private static final int ERRORS_KEPT = 10;

    private final JoinPlan plan;
    private final RowSchema outputSchema;
    private final List<ExpressionError> errors = new ArrayList<>();
    private long errorCount;

    public TrainingSetRows(JoinPlan plan) {
        this.plan = requireNonNull(plan, "plan is null");
        this.outputSchema = plan.outputSchema();
    }

    @Override
    public ColumnBatch apply(ColumnBatch batch) {
        List<Map<String, ColumnVector>> stepValues = new ArrayList<>();
        for (OnDemandStep step : plan.onDemandSteps()) {
            stepValues.add(evaluate(step, batch, stepValues));
        }
        List<ColumnVector> vectors = new ArrayList<>(outputSchema.size());
        for (OutputColumn output : plan.output()) {
            vectors.add(vector(output.origin(), batch, stepValues));
        }
        return new ColumnBatch(outputSchema, batch.size(), vectors);
    }

    /** Values of on-demand features that are null because their expression failed. */
    public long errorCount() {
        return errorCount;
    }

    /** The first few of those failures. */
    public List<ExpressionError> firstErrors() {
        return List.copyOf(errors);
    }

    private Map<String, ColumnVector> evaluate(OnDemandStep step, ColumnBatch batch, List<Map<String, ColumnVector>> stepValues) {
        Map<String, ColumnVector.Builder> builders = new LinkedHashMap<>();
        step.view().schema().forEach(field -> builders.put(field.name(), ColumnVector.builder(new Column(field.name(), field.dtype()), batch.size())));
        List<ColumnVector> inputs = step.inputs().stream().map(input -> vector(input.origin(), batch, stepValues)).toList();
        for (int row = 0; row < batch.size(); row++) {
            Map<String, Map<String, Object>> values = new HashMap<>();
            for (int index = 0; index < inputs.size(); index++) {
                OnDemandStep.Input input = step.inputs().get(index);
                values.computeIfAbsent(input.source(), source -> new HashMap<>()).put(input.field(), inputs.get(index).get(row));
            }
            EvaluationResult result = step.view().evaluate(values);
            if (result.hasErrors()) {
                errorCount += result.errors().size();
                result.errors().stream().limit(Math.max(0, ERRORS_KEPT - errors.size())).forEach(errors::add);
            }
            builders.forEach((feature, builder) -> builder.append(result.value(feature)));
        }
        Map<String, ColumnVector> vectors = new HashMap<>();
        builders.forEach((feature, builder) -> vectors.put(feature, builder.build()));
        return vectors;
    }

    private static ColumnVector vector(ValueOrigin origin, ColumnBatch batch, List<Map<String, ColumnVector>> stepValues) {
        if (origin instanceof EntityColumn column) {
            return batch.vector(column.column());
        }
        if (origin instanceof ViewFeature feature) {
            return batch.vector(Retrieval.featureColumn(feature.view(), feature.feature()));
        }
        OnDemandFeature feature = (OnDemandFeature) origin;
        return stepValues.get(feature.step()).get(feature.feature());
    }
}
