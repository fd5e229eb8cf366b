package dev.featurestore.historical.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.RequestSource;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.historical.domain.join.JoinPlan;
import dev.featurestore.historical.domain.join.OnDemandStep;
import dev.featurestore.historical.domain.join.OutputColumn;
import dev.featurestore.historical.domain.join.ValueOrigin;
import dev.featurestore.offlineengine.FeatureColumn;
import dev.featurestore.offlineengine.KeyColumn;
import dev.featurestore.offlineengine.Retrieval;
import dev.featurestore.offlineengine.ViewRead;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.registryclient.FeatureReference;
import dev.featurestore.registryclient.FeatureSelection;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.ResolvedFeature;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.registryclient.ResolvedFeatures;
import dev.featurestore.registryclient.ResolvedOnDemandView;
import dev.featurestore.registryclient.ResolvedView;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.transforms.CompilationResult;
import dev.featurestore.transforms.CompiledOnDemandView;
import dev.featurestore.transforms.OnDemandPrograms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link TrainingSetQuery} into a {@link JoinPlan} against one registry version: each feature view
 * read through its offline source ({@code batch_source} of push and kafka sources), file columns through the
 * source's {@code field_mapping}, the features that requested on-demand views read added to their views,
 * on-demand views in dependency order with request-source fields taken from the entity columns (as Feast
 * does), output columns named {@code feature} or {@code view__feature}. Every problem is reported at once,
 * naming the request field.
 */
public final class TrainingSetPlanner {
    private final OnDemandPrograms programs;

    public TrainingSetPlanner(OnDemandPrograms programs) {
        this.programs = requireNonNull(programs, "programs is null");
    }

    /**
     * @throws FeatureStoreException {@link CommonErrorCode#INVALID_REQUEST} listing every problem
     */
    public JoinPlan plan(TrainingSetQuery query, ProjectRegistry registry, RowSchema entitySchema) {
        requireNonNull(query, "query is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(entitySchema, "entitySchema is null");
        ResolvedFeatures resolved = resolve(query, registry);

        // On-demand views, the ones they read first.
        List<ResolvedOnDemandView> onDemandViews = resolved.onDemandViewsInEvaluationOrder();
        Map<String, CompiledOnDemandView> compiled = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (ResolvedOnDemandView view : onDemandViews) {
            CompilationResult result = programs.compiled(registry.project(), registry.registryVersion(), view.definition(), view.sourceSchemas());
            if (result.succeeded()) {
                compiled.put(view.name(), result.compiledViewOrThrow());
            } else {
                result.errors().forEach(error -> errors.add(new FieldError("on_demand_feature_views.%s".formatted(view.name()), error.toString())));
            }
        }

        // Feature views: the requested features, then those on-demand views read.
        Map<String, ResolvedFeatureView> featureViews = new LinkedHashMap<>();
        Map<String, Set<String>> featuresRead = new LinkedHashMap<>();
        for (ResolvedFeature feature : resolved.features()) {
            if (feature.view() instanceof ResolvedFeatureView view) {
                featureViews.putIfAbsent(view.name(), view);
                featuresRead.computeIfAbsent(view.name(), name -> new LinkedHashSet<>()).add(feature.field().name());
            }
        }
        for (ResolvedOnDemandView view : onDemandViews) {
            for (ResolvedView source : view.sourceViews()) {
                if (source instanceof ResolvedFeatureView featureView) {
                    featureViews.putIfAbsent(featureView.name(), featureView);
                    Set<String> read = featuresRead.computeIfAbsent(featureView.name(), name -> new LinkedHashSet<>());
                    CompiledOnDemandView program = compiled.get(view.name());
                    Set<String> fields = program == null ? Set.of() : program.referencedFields().getOrDefault(featureView.name(), Set.of());
                    featureView.featureNames().stream().filter(fields::contains).forEach(read::add);
                }
            }
        }
        List<ViewRead> views = new ArrayList<>();
        Map<String, Integer> viewIndex = new LinkedHashMap<>();
        for (ResolvedFeatureView view : featureViews.values()) {
            Set<String> features = featuresRead.get(view.name());
            if (features.isEmpty()) {
                // An on-demand view names the view as a source but reads none of its features.
                continue;
            }
            ViewRead join;
            try {
                join = viewJoin(view, features);
            } catch (IllegalArgumentException e) {
                // A source path stored before paths were checked at apply (a relative path, say).
                errors.add(new FieldError("features", "feature view '%s' reads an invalid source path: %s".formatted(view.name(), e.getMessage())));
                continue;
            }
            viewIndex.put(view.name(), views.size());
            views.add(join);
        }

        // On-demand steps.
        List<OnDemandStep> steps = new ArrayList<>();
        Map<String, Integer> stepIndex = new LinkedHashMap<>();
        Map<String, ValueType> entityTypes = new LinkedHashMap<>();
        entitySchema.columns().forEach(column -> entityTypes.put(column.name(), column.type()));
        for (ResolvedOnDemandView view : onDemandViews) {
            CompiledOnDemandView program = compiled.get(view.name());
            if (program == null) {
                continue;
            }
            List<OnDemandStep.Input> inputs = new ArrayList<>();
            program.referencedFields().forEach((source, fields) -> {
                for (String field : fields) {
                    ValueOrigin origin;
                    if (viewIndex.containsKey(source)) {
                        ViewRead join = views.get(viewIndex.get(source));
                        origin = new ValueOrigin.ViewFeature(viewIndex.get(source), join.featureIndex(field));
                    } else if (stepIndex.containsKey(source)) {
                        origin = new ValueOrigin.OnDemandFeature(stepIndex.get(source), field);
                    } else {
                        RequestSource request = view.requestSourcesRead().stream().filter(candidate -> candidate.name().equals(source)).findFirst()
                                .orElseThrow(() -> new IllegalStateException("on-demand view '%s' reads unknown source '%s'".formatted(view.name(), source)));
                        ValueType declared = request.schema().stream().filter(candidate -> candidate.name().equals(field)).map(Field::dtype).findFirst()
                                .orElseThrow(() -> new IllegalStateException("request source '%s' has no field '%s'".formatted(source, field)));
                        ValueType found = entityTypes.get(field);
                        if (found == null) {
                            errors.add(new FieldError("entity_source", "the entity rows have no column '%s': on-demand view '%s' reads it from request source '%s'"
                                    .formatted(field, view.name(), source)));
                        } else if (found != declared && !(isNumber(found) && isNumber(declared))) {
                            errors.add(new FieldError("entity_source.%s".formatted(field), "column '%s' is %s, but request source '%s' declares it %s"
                                    .formatted(field, found, source, declared)));
                        }
                        origin = new ValueOrigin.EntityColumn(field);
                    }
                    inputs.add(new OnDemandStep.Input(source, field, origin));
                }
            });
            stepIndex.put(view.name(), steps.size());
            steps.add(new OnDemandStep(program, inputs));
        }

        // Output: the entity columns untouched, then the features in request order.
        List<OutputColumn> output = new ArrayList<>();
        Map<String, String> taken = new LinkedHashMap<>();
        for (var column : entitySchema.columns()) {
            output.add(new OutputColumn(column.name(), column.type(), new ValueOrigin.EntityColumn(column.name())));
            taken.put(column.name(), "an entity column");
        }
        for (ResolvedFeature feature : resolved.features()) {
            FeatureReference reference = feature.reference();
            String name = query.fullFeatureNames() ? reference.fullName() : reference.feature();
            String previous = taken.putIfAbsent(name, "feature %s".formatted(reference));
            if (previous != null) {
                errors.add(new FieldError(query.featureService().isPresent() ? "feature_service" : "features",
                        "output column '%s' of feature %s is already %s%s".formatted(name, reference, previous,
                                query.fullFeatureNames() ? "" : "; set full_feature_names to name feature columns view__feature")));
                continue;
            }
            ValueOrigin origin;
            if (feature.view() instanceof ResolvedFeatureView view) {
                if (!viewIndex.containsKey(view.name())) {
                    continue;
                }
                origin = new ValueOrigin.ViewFeature(viewIndex.get(view.name()), views.get(viewIndex.get(view.name())).featureIndex(reference.feature()));
            } else {
                if (!stepIndex.containsKey(feature.view().name())) {
                    continue;
                }
                origin = new ValueOrigin.OnDemandFeature(stepIndex.get(feature.view().name()), reference.feature());
            }
            output.add(new OutputColumn(name, feature.field().dtype(), origin));
        }
        JoinPlan plan = new JoinPlan(query.timestampColumn(), views, steps, output);
        for (String problem : problems(plan, entitySchema)) {
            errors.add(new FieldError(problem.contains("event timestamp") ? "event_timestamp_column" : "entity_source", problem));
        }
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST,
                    "The training set cannot be built: %s".formatted(errors.stream().map(error -> error.path() + ": " + error.message()).toList()), errors);
        }
        return plan;
    }

    private static ResolvedFeatures resolve(TrainingSetQuery query, ProjectRegistry registry) {
        FeatureSelection selection;
        try {
            selection = new FeatureSelection(query.features(), query.featureService());
        } catch (FeatureSelection.Invalid e) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "Name either 'features' or 'feature_service'",
                    List.of(new FieldError(e.field(), e.getMessage())));
        }
        try {
            return selection.resolve(registry);
        } catch (RegistryLookupException e) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, e.getMessage(), List.of(new FieldError(selection.field(), e.getMessage())), e);
        }
    }

    private static ViewRead viewJoin(ResolvedFeatureView view, Set<String> features) {
        Map<String, String> columnOf = new LinkedHashMap<>();
        view.fieldMapping().forEach((column, name) -> columnOf.put(name, column));
        List<KeyColumn> keys = new ArrayList<>();
        for (JoinKey key : view.joinKeys()) {
            keys.add(new KeyColumn(key.name(), columnOf.getOrDefault(key.name(), key.name()), key.valueType()));
        }
        List<FeatureColumn> columns = new ArrayList<>();
        for (Field field : view.schema()) {
            if (features.contains(field.name())) {
                columns.add(new FeatureColumn(columnOf.getOrDefault(field.name(), field.name()), field.name(), field.dtype()));
            }
        }
        return new ViewRead(view.name(), StorageUri.parse(view.offlineSource().path()), view.timestampField(), view.createdTimestampColumn(),
                keys, columns, view.ttl());
    }

    /**
     * What is wrong with running {@code plan} over entity rows of this schema: missing or mistyped timestamp, key and
     * request columns. Empty when it can run.
     */
    static List<String> problems(JoinPlan plan, RowSchema entitySchema) {
        List<String> problems = new ArrayList<>(Retrieval.problems(entitySchema, plan.timestampColumn(), plan.views()));
        Set<String> columns = Set.copyOf(entitySchema.names());
        for (OnDemandStep step : plan.onDemandSteps()) {
            for (OnDemandStep.Input input : step.inputs()) {
                if (input.origin() instanceof ValueOrigin.EntityColumn column && !columns.contains(column.column())) {
                    problems.add("the entity rows have no column '%s', which on-demand view '%s' reads as %s.%s"
                            .formatted(column.column(), step.view().name(), input.source(), input.field()));
                }
            }
        }
        return problems.stream().distinct().toList();
    }

    private static boolean isNumber(ValueType type) {
        return type == ValueType.INT32 || type == ValueType.INT64 || type == ValueType.FLOAT32 || type == ValueType.FLOAT64;
    }
}
