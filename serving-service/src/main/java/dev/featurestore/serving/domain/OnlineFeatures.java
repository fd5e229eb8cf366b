package dev.featurestore.serving.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.RequestSource;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.JsonTypedValues;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.onlinestore.OnlineStore;
import dev.featurestore.onlinestore.RecordRead;
import dev.featurestore.registryclient.FeatureSelection;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.RegistryUnavailableException;
import dev.featurestore.registryclient.ResolvedFeature;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.registryclient.ResolvedFeatures;
import dev.featurestore.registryclient.ResolvedOnDemandView;
import dev.featurestore.registryclient.ResolvedView;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.serving.config.ServingProperties;
import dev.featurestore.transforms.CompilationResult;
import dev.featurestore.transforms.CompiledOnDemandView;
import dev.featurestore.transforms.OnDemandPrograms;
import io.micrometer.core.instrument.Counter;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Online retrieval: resolves the features against the registry, checks and types the entity rows and request
 * data, reads every (entity, feature view) record in one call to the online store, answers each value with its
 * status (TTL enforced at read time) and computes the on-demand features row by row.
 */
@Singleton
public class OnlineFeatures {
    private static final int MAX_REPORTED_ERRORS = 50;
    /** Plans kept (the cache is emptied when full: they are cheap to remake, and a registry change makes new ones). */
    private static final int MAX_PLANS = 1_000;

    private final RegistryClient registry;
    private final OnlineStore store;
    private final ServingMetrics metrics;
    private final ServingProperties properties;
    private final Clock clock;
    private final OnDemandPrograms programs = new OnDemandPrograms();
    /** What each selection resolves to, per project, registry version and full_feature_names. */
    private final Map<PlanKey, Plan> plans = new ConcurrentHashMap<>();

    public OnlineFeatures(RegistryClient registry, OnlineStore store, ServingMetrics metrics, ServingProperties properties) {
        this(registry, store, metrics, properties, Clock.systemUTC());
    }

    OnlineFeatures(RegistryClient registry, OnlineStore store, ServingMetrics metrics, ServingProperties properties, Clock clock) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.store = requireNonNull(store, "store is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Answers a query. When the cached registry resolves its features (the usual case), everything runs on the
     * calling thread up to the one online store read, and the answer is assembled on the thread the store answers
     * on: no thread hand-off on an event loop. Otherwise the registry is asked on {@code blocking} first (a project
     * not cached yet, or a lookup miss re-fetching the snapshot).
     *
     * @return the answer, or a {@link FeatureStoreException}: 404 naming each unknown project, view, feature or
     *     service; 400 naming each bad entity column, value or request field; 413 for more entity rows than
     *     allowed; 503 when the registry or the online store cannot answer in time
     * @throws FeatureStoreException for a request found bad before anything is read
     */
    public CompletableFuture<OnlineFeaturesResult> get(OnlineFeatureQuery query, Executor blocking) {
        FeatureSelection selection = selection(query);
        ProjectRegistry cached = registry.cached(query.project()).orElse(null);
        if (cached != null) {
            PlanKey key = new PlanKey(query.project(), cached.registryVersion(), selection, query.fullFeatureNames());
            Plan plan = plans.get(key);
            if (plan == null) {
                ResolvedFeatures resolved;
                try {
                    resolved = selection.resolve(cached);
                } catch (RegistryLookupException e) {
                    resolved = null; // a miss: the client's lookup re-fetches the snapshot once before it answers unknown
                }
                if (resolved != null) {
                    plan = plan(query, selection, resolved);
                    if (plans.size() >= MAX_PLANS) {
                        plans.clear();
                    }
                    plans.put(key, plan);
                }
            }
            if (plan != null) {
                return read(query, plan);
            }
        }
        return CompletableFuture.supplyAsync(() -> plan(query, selection, resolve(query, selection)), blocking)
                .thenCompose(plan -> read(query, plan));
    }

    private CompletableFuture<OnlineFeaturesResult> read(OnlineFeatureQuery query, Plan plan) {
        if (!plan.sensitive().isEmpty() && !query.mayReadPii()) {
            throw new FeatureStoreException(CommonErrorCode.FORBIDDEN, ("%s tagged pii; the caller may not read pii features in project '%s' "
                    + "(that needs the role pii_reader or admin there)").formatted(plan.sensitive().size() == 1
                            ? "Feature " + plan.sensitive().get(0) + " is" : "Features " + String.join(", ", plan.sensitive()) + " are",
                    query.project()));
        }
        List<ResolvedFeatureView> views = plan.views();
        Rows rows = rows(query, plan.columns());
        List<RecordRead> reads = new ArrayList<>(rows.count() * views.size());
        for (int row = 0; row < rows.count(); row++) {
            for (int index = 0; index < views.size(); index++) {
                ResolvedFeatureView view = views.get(index);
                List<Object> keyValues = new ArrayList<>(view.joinKeys().size());
                for (JoinKey key : view.joinKeys()) {
                    keyValues.add(rows.columns().get(key.name()).get(row));
                }
                reads.add(new RecordRead(OnlineKeys.recordKey(query.project(), view.name(), view.joinKeys(), keyValues), plan.schemas().get(index)));
            }
        }
        return store.read(reads).thenApply(records -> answer(query, plan, rows, records));
    }

    /** Works out, once per selection and registry version, where each requested value comes from (checked first). */
    private Plan plan(OnlineFeatureQuery query, FeatureSelection selection, ResolvedFeatures resolved) {
        checked(query, selection, resolved);
        List<ResolvedFeatureView> views = resolved.featureViewsToRead();
        Map<String, Integer> viewIndexes = new HashMap<>();
        List<OnlineSchema> viewSchemas = new ArrayList<>(views.size());
        for (int index = 0; index < views.size(); index++) {
            viewIndexes.put(views.get(index).name(), index);
            viewSchemas.add(OnlineSchema.of(views.get(index).schema()));
        }
        int count = resolved.features().size();
        int[] viewOf = new int[count];
        int[] fieldOf = new int[count];
        List<String> names = new ArrayList<>(count);
        List<Counter[]> counters = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            ResolvedFeature feature = resolved.features().get(index);
            names.add(query.fullFeatureNames() ? feature.reference().fullName() : feature.field().name());
            counters.add(metrics.featureValueCounters(query.project(), feature.view().name(), feature.field().name()));
            if (feature.view() instanceof ResolvedFeatureView view) {
                viewOf[index] = viewIndexes.get(view.name());
                fieldOf[index] = viewSchemas.get(viewOf[index]).indexOf(feature.field().name());
            } else {
                viewOf[index] = -1;
                fieldOf[index] = -1;
            }
        }
        return new Plan(resolved, views, viewIndexes, List.copyOf(viewSchemas), viewOf, fieldOf, List.copyOf(names), List.copyOf(counters),
                expectedColumns(resolved, views), resolved.sensitive().stream().map(Object::toString).toList());
    }

    private OnlineFeaturesResult answer(OnlineFeatureQuery query, Plan plan, Rows rows, List<OnlineRecord> records) {
        Instant now = clock.instant();
        List<ResolvedFeatureView> views = plan.views();
        List<OnlineFeaturesResult.Column> columns = new ArrayList<>();
        for (String name : query.entities().keySet()) {
            if (rows.joinKeys().contains(name)) {
                columns.add(new OnlineFeaturesResult.Column(name, rows.columns().get(name), Collections.nCopies(rows.count(), FeatureStatus.PRESENT),
                        Collections.nCopies(rows.count(), Instant.EPOCH)));
            }
        }
        List<Map<String, Map<String, Object>>> onDemandValues = onDemand(query, plan.resolved(), views, plan.viewIndexes(), rows, records, now);
        List<ResolvedFeature> features = plan.resolved().features();
        for (int index = 0; index < features.size(); index++) {
            ResolvedFeature feature = features.get(index);
            int viewIndex = plan.viewOf()[index];
            int fieldIndex = plan.fieldOf()[index];
            List<Object> values = new ArrayList<>(rows.count());
            List<FeatureStatus> statuses = new ArrayList<>(rows.count());
            long[] counts = new long[FeatureStatus.values().length];
            List<Instant> timestamps = new ArrayList<>(rows.count());
            for (int row = 0; row < rows.count(); row++) {
                FeatureStatus answered;
                if (viewIndex >= 0) {
                    OnlineRecord record = records.get(row * views.size() + viewIndex);
                    FeatureStatus status = status(record, views.get(viewIndex).ttl(), now);
                    Object value = status == FeatureStatus.NOT_FOUND || status == FeatureStatus.OUTSIDE_MAX_AGE ? null : record.values().get(fieldIndex);
                    values.add(value);
                    answered = status == FeatureStatus.PRESENT && value == null ? FeatureStatus.NULL_VALUE : status;
                    timestamps.add(record == null ? Instant.EPOCH : record.eventTimestamp());
                } else {
                    Object value = onDemandValues.get(row).get(feature.view().name()).get(feature.field().name());
                    values.add(value);
                    answered = value == null ? FeatureStatus.NULL_VALUE : FeatureStatus.PRESENT;
                    timestamps.add(Instant.EPOCH);
                }
                statuses.add(answered);
                counts[answered.ordinal()]++;
            }
            columns.add(new OnlineFeaturesResult.Column(plan.names().get(index), values, statuses, timestamps));
            Counter[] counters = plan.counters().get(index);
            for (int status = 0; status < counts.length; status++) {
                if (counts[status] > 0) {
                    counters[status].increment(counts[status]);
                }
            }
        }
        metrics.requestSize("get-online-features", rows.count(), features.size());
        return new OnlineFeaturesResult(columns);
    }

    private static FeatureStatus status(OnlineRecord record, Duration ttl, Instant now) {
        if (record == null) {
            return FeatureStatus.NOT_FOUND;
        }
        if (!ttl.isZero() && record.eventTimestamp().isBefore(now.minus(ttl))) {
            return FeatureStatus.OUTSIDE_MAX_AGE;
        }
        return FeatureStatus.PRESENT;
    }

    /** Per row: on-demand view -> feature -> value, every requested on-demand view and those they read. */
    private List<Map<String, Map<String, Object>>> onDemand(OnlineFeatureQuery query, ResolvedFeatures resolved, List<ResolvedFeatureView> views,
            Map<String, Integer> viewIndexes, Rows rows, List<OnlineRecord> records, Instant now) {
        List<ResolvedOnDemandView> ordered = resolved.onDemandViewsInEvaluationOrder();
        if (ordered.isEmpty()) {
            return List.of();
        }
        Map<String, CompiledOnDemandView> compiled = new LinkedHashMap<>();
        for (ResolvedOnDemandView view : ordered) {
            CompilationResult result = programs.compiled(query.project(), resolved.registryVersion(), view.definition(), view::sourceSchemas);
            if (!result.succeeded()) {
                throw new FeatureStoreException(CommonErrorCode.INTERNAL_ERROR,
                        "On-demand feature view '%s' does not compile against registry version %d: %s".formatted(view.name(), resolved.registryVersion(), result.errors()));
            }
            compiled.put(view.name(), result.compiledViewOrThrow());
        }
        List<Map<String, Map<String, Object>>> perRow = new ArrayList<>(rows.count());
        for (int row = 0; row < rows.count(); row++) {
            Map<String, Map<String, Object>> outputs = new HashMap<>();
            for (ResolvedOnDemandView view : ordered) {
                Map<String, Map<String, Object>> inputs = new HashMap<>();
                for (ResolvedView source : view.sourceViews()) {
                    if (source instanceof ResolvedFeatureView featureView) {
                        OnlineRecord record = records.get(row * views.size() + viewIndexes.get(featureView.name()));
                        Map<String, Object> values = new HashMap<>();
                        if (status(record, featureView.ttl(), now) == FeatureStatus.PRESENT) {
                            List<Field> fields = featureView.schema();
                            for (int index = 0; index < fields.size(); index++) {
                                values.put(fields.get(index).name(), record.values().get(index));
                            }
                        }
                        inputs.put(featureView.name(), values);
                    } else {
                        inputs.put(source.name(), outputs.get(source.name()));
                    }
                }
                for (RequestSource source : view.requestSources()) {
                    Map<String, Object> values = new HashMap<>();
                    for (Field field : source.schema()) {
                        values.put(field.name(), rows.columns().get(field.name()).get(row));
                    }
                    inputs.put(source.name(), values);
                }
                outputs.put(view.name(), compiled.get(view.name()).evaluate(inputs).values());
            }
            perRow.add(outputs);
        }
        return perRow;
    }

    private record PlanKey(String project, long registryVersion, FeatureSelection selection, boolean fullFeatureNames) {
    }

    /**
     * A selection resolved at one registry version: the views to read (with their online schemas and positions), and
     * per requested feature the index of its view in {@code views} and of its field in that view's schema (-1 for
     * on-demand features), its output name and its status counters (by {@link FeatureStatus} ordinal).
     */
    private record Plan(ResolvedFeatures resolved, List<ResolvedFeatureView> views, Map<String, Integer> viewIndexes, List<OnlineSchema> schemas,
            int[] viewOf, int[] fieldOf, List<String> names, List<Counter[]> counters, ExpectedColumns columns, List<String> sensitive) {
    }

    /**
     * The entity-row columns a plan needs.
     *
     * @param joinKeys the join keys of the views read, with their types
     * @param keyUsers per join key, the views that need it
     * @param requestFields the request data of the on-demand views, with their types
     */
    private record ExpectedColumns(Map<String, ValueType> joinKeys, Map<String, List<String>> keyUsers, Map<String, ValueType> requestFields) {
    }

    private static ExpectedColumns expectedColumns(ResolvedFeatures resolved, List<ResolvedFeatureView> views) {
        Map<String, ValueType> joinKeys = new LinkedHashMap<>();
        Map<String, List<String>> keyUsers = new LinkedHashMap<>();
        for (ResolvedFeatureView view : views) {
            for (JoinKey key : view.joinKeys()) {
                joinKeys.putIfAbsent(key.name(), key.valueType());
                keyUsers.computeIfAbsent(key.name(), name -> new ArrayList<>()).add(view.name());
            }
        }
        Map<String, ValueType> requestFields = new LinkedHashMap<>();
        for (RequestSource source : resolved.requestSources()) {
            source.schema().forEach(field -> requestFields.putIfAbsent(field.name(), field.dtype()));
        }
        return new ExpectedColumns(Collections.unmodifiableMap(joinKeys), Collections.unmodifiableMap(keyUsers), Collections.unmodifiableMap(requestFields));
    }

    private static FeatureSelection selection(OnlineFeatureQuery query) {
        try {
            return new FeatureSelection(query.features(), query.featureService());
        } catch (FeatureSelection.Invalid e) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "Name either 'features' or 'feature_service'",
                    List.of(new FieldError(e.field(), e.getMessage())));
        }
    }

    /** Resolves through the registry client (may fetch the project's snapshot: blocks). */
    private ResolvedFeatures resolve(OnlineFeatureQuery query, FeatureSelection selection) {
        try {
            return selection.resolve(registry, query.project());
        } catch (RegistryLookupException e) {
            throw lookupFailure(query, e);
        } catch (RegistryUnavailableException e) {
            throw ProjectRegistries.unreachable(e);
        }
    }

    /** 400 naming each feature of a view not served online, and each answer name two features would share. */
    private static ResolvedFeatures checked(OnlineFeatureQuery query, FeatureSelection selection, ResolvedFeatures resolved) {
        boolean hasFeatures = selection.featureService().isEmpty();
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (int index = 0; index < resolved.features().size(); index++) {
            ResolvedFeature feature = resolved.features().get(index);
            String path = hasFeatures ? "features[%d]".formatted(index) : "feature_service";
            if (feature.view() instanceof ResolvedFeatureView view && !view.online()) {
                errors.add(new FieldError(path, "feature view '%s' is not served online (online: false)".formatted(view.name())));
            }
            String name = query.fullFeatureNames() ? feature.reference().fullName() : feature.field().name();
            String previous = names.put(name, feature.reference().toString());
            if (previous != null && !previous.equals(feature.reference().toString())) {
                errors.add(new FieldError(path, "'%s' and '%s' would both be answered as '%s'; ask with full_feature_names: true"
                        .formatted(previous, feature.reference(), name)));
            }
        }
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, describe("The features cannot be served", errors), errors);
        }
        return resolved;
    }

    /** 404 naming every unknown name (the cached registry was refreshed once by the failed lookup). */
    private FeatureStoreException lookupFailure(OnlineFeatureQuery query, RegistryLookupException failure) {
        if (failure.reason() == RegistryLookupException.Reason.UNKNOWN_PROJECT) {
            return new FeatureStoreException(CommonErrorCode.NOT_FOUND, failure.getMessage(), List.of(new FieldError("project", failure.getMessage())), failure);
        }
        if (query.featureService().isPresent()) {
            return new FeatureStoreException(CommonErrorCode.NOT_FOUND, failure.getMessage(), List.of(new FieldError("feature_service", failure.getMessage())), failure);
        }
        ProjectRegistry cached = registry.cached(query.project()).orElse(null);
        List<FieldError> errors = new ArrayList<>();
        boolean malformed = false;
        for (int index = 0; index < query.features().size(); index++) {
            try {
                if (cached == null) {
                    throw failure;
                }
                cached.resolveFeatures(List.of(query.features().get(index)));
            } catch (RegistryLookupException e) {
                malformed |= e.reason() == RegistryLookupException.Reason.INVALID_REFERENCE;
                errors.add(new FieldError("features[%d]".formatted(index), e.getMessage()));
            }
        }
        if (errors.isEmpty()) {
            errors.add(new FieldError("features", failure.getMessage()));
        }
        return new FeatureStoreException(malformed ? CommonErrorCode.INVALID_REQUEST : CommonErrorCode.NOT_FOUND,
                describe("Unknown features", errors), errors, failure);
    }

    /** The entity rows and request data, checked and typed. */
    private Rows rows(OnlineFeatureQuery query, ExpectedColumns expected) {
        Map<String, ValueType> joinKeys = expected.joinKeys();
        Map<String, List<String>> keyUsers = expected.keyUsers();
        Map<String, ValueType> requestFields = expected.requestFields();
        List<FieldError> errors = new ArrayList<>();
        if (query.entities().isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "No entity rows: give the join keys as columns in 'entities'",
                    List.of(new FieldError("entities", "give at least one column, e.g. {\"%s\": [...]}".formatted(joinKeys.isEmpty() ? "driver_id" : joinKeys.keySet().iterator().next()))));
        }
        int count = -1;
        String first = null;
        Map<String, List<Object>> given = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> column : query.entities().entrySet()) {
            given.put(column.getKey(), column.getValue());
            count = checkLength("entities." + column.getKey(), column.getValue(), count, first, errors);
            first = first == null ? column.getKey() : first;
        }
        for (Map.Entry<String, List<Object>> column : query.requestContext().entrySet()) {
            if (given.containsKey(column.getKey())) {
                errors.add(new FieldError("request_context." + column.getKey(), "given both in entities and in request_context"));
            }
            given.put(column.getKey(), column.getValue());
            count = checkLength("request_context." + column.getKey(), column.getValue(), count, first, errors);
        }
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, describe("Invalid entity rows", errors), errors);
        }
        if (count == 0) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "No entity rows: the columns are empty",
                    List.of(new FieldError("entities." + first, "has no values")));
        }
        if (count > properties.maxEntityRows()) {
            throw new FeatureStoreException(CommonErrorCode.PAYLOAD_TOO_LARGE,
                    "%d entity rows is more than the %d one request may ask for (featurestore.serving.max-entity-rows)".formatted(count, properties.maxEntityRows()),
                    List.of(new FieldError("entities", "%d rows, at most %d".formatted(count, properties.maxEntityRows()))));
        }
        joinKeys.forEach((name, type) -> {
            if (!given.containsKey(name)) {
                errors.add(new FieldError("entities." + name, "missing: join key of %s".formatted(String.join(", ", keyUsers.get(name)))));
            }
        });
        requestFields.forEach((name, type) -> {
            if (!given.containsKey(name)) {
                errors.add(new FieldError("request_context." + name, "missing: request data the on-demand features read (%s)".formatted(type)));
            }
        });
        Set<String> known = new HashSet<>(joinKeys.keySet());
        known.addAll(requestFields.keySet());
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                errors.add(new FieldError((query.entities().containsKey(name) ? "entities." : "request_context.") + name,
                        "not a join key of the requested views (%s) nor request data of their on-demand views (%s)".formatted(joinKeys.keySet(), requestFields.keySet())));
            }
        }
        Map<String, List<Object>> typed = new HashMap<>();
        for (Map.Entry<String, List<Object>> column : given.entrySet()) {
            ValueType type = joinKeys.containsKey(column.getKey()) ? joinKeys.get(column.getKey()) : requestFields.get(column.getKey());
            if (type == null) {
                continue;
            }
            String path = (query.entities().containsKey(column.getKey()) ? "entities." : "request_context.") + column.getKey();
            if (joinKeys.containsKey(column.getKey()) && !OnlineKeys.isKeyType(type)) {
                errors.add(new FieldError(path, "a join key of type %s cannot key the online store".formatted(type)));
                continue;
            }
            List<Object> values = new ArrayList<>(count);
            for (int row = 0; row < count; row++) {
                Object value = column.getValue().get(row);
                try {
                    Object converted = JsonTypedValues.convert(value, type);
                    if (converted == null && joinKeys.containsKey(column.getKey())) {
                        errors.add(new FieldError("%s[%d]".formatted(path, row), "a join key cannot be null"));
                    }
                    values.add(converted);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("%s[%d]".formatted(path, row), e.getMessage()));
                    values.add(null);
                }
            }
            typed.put(column.getKey(), values);
        }
        if (!errors.isEmpty()) {
            List<FieldError> reported = errors.size() > MAX_REPORTED_ERRORS ? errors.subList(0, MAX_REPORTED_ERRORS) : errors;
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, describe("Invalid entity rows", reported), reported);
        }
        return new Rows(count, typed, joinKeys.keySet());
    }

    private static int checkLength(String path, List<Object> values, int count, String first, List<FieldError> errors) {
        if (values == null) {
            errors.add(new FieldError(path, "expected a list of values, got null"));
            return count;
        }
        if (count >= 0 && values.size() != count) {
            errors.add(new FieldError(path, "has %d values, '%s' has %d".formatted(values.size(), first, count)));
            return count;
        }
        return values.size();
    }

    private static String describe(String what, List<FieldError> errors) {
        return "%s: %s".formatted(what, errors.stream().map(error -> error.path() + ": " + error.message()).toList());
    }

    /**
     * Checked entity rows.
     *
     * @param count how many
     * @param columns join keys and request fields, typed
     * @param joinKeys the join keys the views need
     */
    private record Rows(int count, Map<String, List<Object>> columns, Set<String> joinKeys) {
    }
}
