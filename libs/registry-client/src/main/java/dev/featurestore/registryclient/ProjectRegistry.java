package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.api.RegistrySnapshot;
import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.FeatureService;
import dev.featurestore.contracts.definition.FeatureServiceItem;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.KafkaSource;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.definition.ParquetSource;
import dev.featurestore.contracts.definition.PushSource;
import dev.featurestore.contracts.definition.RequestSource;
import dev.featurestore.registryclient.RegistryLookupException.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One registry snapshot of a project with every reference resolved up front, so lookups are map
 * reads. Immutable; a newer snapshot gives a new instance. Lookups here never go to the registry:
 * {@link RegistryClient} re-fetches on a miss.
 *
 * <p>An object whose references cannot be resolved (the registry validates them, so this means a
 * broken snapshot) does not fail the whole snapshot: looking it up throws
 * {@link Reason#INCONSISTENT_SNAPSHOT} naming what is missing.
 */
public final class ProjectRegistry {
    private static final int MAX_NAMES_IN_MESSAGE = 30;

    private final RegistrySnapshot snapshot;
    private final Map<String, Entity> entities;
    private final Map<String, DataSource> dataSources;
    private final Map<String, ResolvedFeatureView> featureViews;
    private final Map<String, ResolvedOnDemandView> onDemandViews;
    private final Map<String, ResolvedFeatures> featureServices;
    private final Map<String, RegistryLookupException> broken;

    private ProjectRegistry(RegistrySnapshot snapshot) {
        this.snapshot = snapshot;
        this.entities = byName(snapshot.entities(), Entity::name);
        this.dataSources = byName(snapshot.dataSources(), DataSource::name);
        this.broken = new LinkedHashMap<>();
        this.featureViews = resolveFeatureViews();
        this.onDemandViews = resolveOnDemandViews();
        this.featureServices = resolveFeatureServices();
    }

    /**
     * Resolves a snapshot.
     *
     * @param snapshot the snapshot the registry answered
     * @return the resolved registry
     */
    public static ProjectRegistry of(RegistrySnapshot snapshot) {
        return new ProjectRegistry(requireNonNull(snapshot, "snapshot is null"));
    }

    public String project() {
        return snapshot.project();
    }

    public long registryVersion() {
        return snapshot.registryVersion();
    }

    /**
     * The snapshot as the registry answered it.
     *
     * @return the snapshot
     */
    public RegistrySnapshot snapshot() {
        return snapshot;
    }

    /**
     * Every feature view that resolves, in snapshot order.
     *
     * @return the views
     */
    public List<ResolvedFeatureView> featureViews() {
        return List.copyOf(featureViews.values());
    }

    /**
     * Every on-demand feature view that resolves, in snapshot order.
     *
     * @return the views
     */
    public List<ResolvedOnDemandView> onDemandFeatureViews() {
        return List.copyOf(onDemandViews.values());
    }

    public List<String> featureServiceNames() {
        return snapshot.featureServices().stream().map(FeatureService::name).toList();
    }

    /**
     * A feature view or an on-demand feature view.
     *
     * @param name the view's name
     * @return the view
     * @throws RegistryLookupException when the project has no view of that name
     */
    public ResolvedView view(String name) {
        requireNonNull(name, "name is null");
        ResolvedView view = featureViews.get(name);
        if (view == null) {
            view = onDemandViews.get(name);
        }
        if (view == null) {
            throw brokenOr(name, () -> unknownView(name));
        }
        return view;
    }

    /**
     * A feature view (not an on-demand one).
     *
     * @param name the view's name
     * @return the view
     * @throws RegistryLookupException when the project has no feature view of that name
     */
    public ResolvedFeatureView featureView(String name) {
        requireNonNull(name, "name is null");
        ResolvedFeatureView view = featureViews.get(name);
        if (view == null) {
            if (onDemandViews.containsKey(name)) {
                throw new RegistryLookupException(Reason.UNKNOWN_FEATURE_VIEW, project(), name,
                        "'%s' in project '%s' is an on-demand feature view, not a feature view; %s".formatted(
                                name, project(), existingViews()));
            }
            throw brokenOr(name, () -> unknownView(name));
        }
        return view;
    }

    /**
     * An on-demand feature view.
     *
     * @param name the view's name
     * @return the view
     * @throws RegistryLookupException when the project has no on-demand feature view of that name
     */
    public ResolvedOnDemandView onDemandFeatureView(String name) {
        requireNonNull(name, "name is null");
        ResolvedOnDemandView view = onDemandViews.get(name);
        if (view == null) {
            if (featureViews.containsKey(name)) {
                throw new RegistryLookupException(Reason.UNKNOWN_FEATURE_VIEW, project(), name,
                        "'%s' in project '%s' is a feature view, not an on-demand feature view; %s".formatted(
                                name, project(), existingViews()));
            }
            throw brokenOr(name, () -> unknownView(name));
        }
        return view;
    }

    /**
     * One feature.
     *
     * @param reference the feature, {@code view:feature}
     * @return the feature with its view and field
     * @throws RegistryLookupException when the view or the feature is unknown
     */
    public ResolvedFeature feature(FeatureReference reference) {
        requireNonNull(reference, "reference is null");
        ResolvedView view = view(reference.view());
        Field field = view.feature(reference.feature()).orElseThrow(() -> new RegistryLookupException(
                Reason.UNKNOWN_FEATURE, project(), reference.toString(),
                "Unknown feature '%s' in project '%s' (registry version %d): %s '%s' has %s".formatted(
                        reference, project(), registryVersion(), kindOf(view), view.name(), names(view.featureNames()))));
        return new ResolvedFeature(reference, view, field);
    }

    /**
     * Feature references, in order.
     *
     * @param references {@code view:feature} references
     * @return the resolved features
     * @throws RegistryLookupException for a malformed reference (before anything else is looked
     *         up), else for the first unknown one, its message also listing the other unknown ones
     */
    public ResolvedFeatures resolveFeatures(List<String> references) {
        requireNonNull(references, "references is null");
        List<FeatureReference> parsed = references.stream().map(FeatureReference::parse).toList();
        List<ResolvedFeature> features = new ArrayList<>(parsed.size());
        List<RegistryLookupException> unknown = new ArrayList<>();
        for (FeatureReference reference : parsed) {
            try {
                features.add(feature(reference));
            }
            catch (RegistryLookupException e) {
                unknown.add(e);
            }
        }
        if (!unknown.isEmpty()) {
            RegistryLookupException first = unknown.get(0);
            if (unknown.size() == 1) {
                throw first;
            }
            String others = unknown.subList(1, unknown.size()).stream().map(RegistryLookupException::name)
                    .map("'%s'"::formatted).collect(Collectors.joining(", "));
            throw first.withNote("(also unknown: %s)".formatted(others), null);
        }
        return new ResolvedFeatures(project(), registryVersion(), features);
    }

    /**
     * The features of a feature service; an item without {@code features} takes every feature of its view.
     *
     * @param name the service's name
     * @return the features, in the service's item order
     * @throws RegistryLookupException when the project has no feature service of that name
     */
    public ResolvedFeatures featureService(String name) {
        requireNonNull(name, "name is null");
        ResolvedFeatures features = featureServices.get(name);
        if (features == null) {
            throw brokenOr(name, () -> new RegistryLookupException(Reason.UNKNOWN_FEATURE_SERVICE, project(), name,
                    "Unknown feature service '%s' in project '%s' (registry version %d); feature services: %s".formatted(
                            name, project(), registryVersion(), names(featureServiceNames()))));
        }
        return features;
    }

    /**
     * A data source.
     *
     * @param name the source's name
     * @return the source
     * @throws RegistryLookupException when the project has no data source of that name
     */
    public DataSource dataSource(String name) {
        requireNonNull(name, "name is null");
        DataSource source = dataSources.get(name);
        if (source == null) {
            throw new RegistryLookupException(Reason.UNKNOWN_DATA_SOURCE, project(), name,
                    "Unknown data source '%s' in project '%s' (registry version %d); data sources: %s".formatted(
                            name, project(), registryVersion(), names(dataSources.keySet())));
        }
        return source;
    }

    /**
     * The feature views a source feeds: those naming it as their {@code source} (a push to a push
     * source writes each of them) or reading it offline (new data on a parquet source concerns each).
     *
     * @param sourceName the data source's name
     * @return the views, in snapshot order; empty when none (or no such source)
     */
    public List<ResolvedFeatureView> featureViewsFedBy(String sourceName) {
        requireNonNull(sourceName, "sourceName is null");
        return featureViews.values().stream()
                .filter(view -> view.source().name().equals(sourceName) || view.offlineSource().name().equals(sourceName))
                .toList();
    }

    public Optional<Entity> entity(String name) {
        return Optional.ofNullable(entities.get(requireNonNull(name, "name is null")));
    }

    @Override
    public String toString() {
        return "ProjectRegistry[project=%s, registryVersion=%d]".formatted(project(), registryVersion());
    }

    private Map<String, ResolvedFeatureView> resolveFeatureViews() {
        Map<String, ResolvedFeatureView> views = new LinkedHashMap<>();
        for (FeatureView view : snapshot.featureViews()) {
            try {
                views.put(view.name(), resolveFeatureView(view));
            }
            catch (RegistryLookupException e) {
                broken.put(view.name(), e);
            }
        }
        return views;
    }

    private ResolvedFeatureView resolveFeatureView(FeatureView view) {
        List<ResolvedEntity> viewEntities = new ArrayList<>();
        for (String entityName : view.entities()) {
            Entity entity = entities.get(entityName);
            if (entity == null) {
                throw inconsistent(view.name(), "feature view '%s' names entity '%s', which the snapshot does not hold"
                        .formatted(view.name(), entityName));
            }
            viewEntities.add(new ResolvedEntity(entity));
        }
        DataSource source = dataSources.get(view.source());
        if (source == null) {
            throw inconsistent(view.name(), "feature view '%s' names source '%s', which the snapshot does not hold"
                    .formatted(view.name(), view.source()));
        }
        return new ResolvedFeatureView(project(), view, viewEntities, source, offlineSource(view, source));
    }

    private ParquetSource offlineSource(FeatureView view, DataSource source) {
        String batchSourceName;
        if (source instanceof ParquetSource parquet) {
            return parquet;
        }
        else if (source instanceof PushSource push) {
            batchSourceName = push.batchSource();
        }
        else if (source instanceof KafkaSource kafka) {
            batchSourceName = kafka.batchSource();
        }
        else {
            throw inconsistent(view.name(), "feature view '%s' reads from %s source '%s', which cannot feed a feature view"
                    .formatted(view.name(), source.sourceType().wireName(), source.name()));
        }
        DataSource batchSource = dataSources.get(batchSourceName);
        if (batchSource instanceof ParquetSource parquet) {
            return parquet;
        }
        throw inconsistent(view.name(), "feature view '%s': batch_source '%s' of source '%s' is %s".formatted(view.name(),
                batchSourceName, source.name(), batchSource == null ? "not in the snapshot"
                        : "a %s source, not a parquet source".formatted(batchSource.sourceType().wireName())));
    }

    private Map<String, ResolvedOnDemandView> resolveOnDemandViews() {
        Map<String, OnDemandFeatureView> definitions = byName(snapshot.onDemandFeatureViews(), OnDemandFeatureView::name);
        Map<String, ResolvedOnDemandView> resolved = new LinkedHashMap<>();
        for (OnDemandFeatureView view : snapshot.onDemandFeatureViews()) {
            resolveOnDemandView(view, definitions, resolved, new LinkedHashSet<>());
        }
        Map<String, ResolvedOnDemandView> inSnapshotOrder = new LinkedHashMap<>();
        for (OnDemandFeatureView view : snapshot.onDemandFeatureViews()) {
            if (resolved.containsKey(view.name())) {
                inSnapshotOrder.put(view.name(), resolved.get(view.name()));
            }
        }
        return inSnapshotOrder;
    }

    private ResolvedOnDemandView resolveOnDemandView(OnDemandFeatureView view, Map<String, OnDemandFeatureView> definitions,
                                                     Map<String, ResolvedOnDemandView> resolved, Set<String> visiting) {
        if (resolved.containsKey(view.name()) || broken.containsKey(view.name())) {
            return resolved.get(view.name());
        }
        if (!visiting.add(view.name())) {
            broken.put(view.name(), inconsistent(view.name(), "on-demand feature view '%s' reads itself through %s"
                    .formatted(view.name(), String.join(" -> ", visiting))));
            return null;
        }
        List<ResolvedView> sourceViews = new ArrayList<>();
        List<RequestSource> requestSources = new ArrayList<>();
        for (String sourceName : view.sources()) {
            if (featureViews.containsKey(sourceName)) {
                sourceViews.add(featureViews.get(sourceName));
            }
            else if (definitions.containsKey(sourceName)) {
                ResolvedOnDemandView source = resolveOnDemandView(definitions.get(sourceName), definitions, resolved, visiting);
                if (source == null) {
                    broken.putIfAbsent(view.name(), inconsistent(view.name(), "on-demand feature view '%s' reads '%s', which does not resolve"
                            .formatted(view.name(), sourceName)));
                    visiting.remove(view.name());
                    return null;
                }
                sourceViews.add(source);
            }
            else if (dataSources.get(sourceName) instanceof RequestSource request) {
                requestSources.add(request);
            }
            else {
                broken.put(view.name(), inconsistent(view.name(), "on-demand feature view '%s' reads '%s', which is %s".formatted(
                        view.name(), sourceName, broken.containsKey(sourceName) ? "a view that does not resolve"
                                : "neither a view nor a request source of the snapshot")));
                visiting.remove(view.name());
                return null;
            }
        }
        visiting.remove(view.name());
        ResolvedOnDemandView result = new ResolvedOnDemandView(project(), view, sourceViews, requestSources);
        resolved.put(view.name(), result);
        return result;
    }

    private Map<String, ResolvedFeatures> resolveFeatureServices() {
        Map<String, ResolvedFeatures> services = new LinkedHashMap<>();
        for (FeatureService service : snapshot.featureServices()) {
            try {
                services.put(service.name(), resolveFeatureService(service));
            }
            catch (RegistryLookupException e) {
                broken.put(service.name(), inconsistent(service.name(), "feature service '%s': %s".formatted(service.name(), e.getMessage())));
            }
        }
        return services;
    }

    private ResolvedFeatures resolveFeatureService(FeatureService service) {
        List<ResolvedFeature> features = new ArrayList<>();
        for (FeatureServiceItem item : service.features()) {
            ResolvedView view = view(item.featureView());
            List<String> names = item.features() == null ? view.featureNames() : item.features();
            for (String feature : names) {
                features.add(feature(new FeatureReference(view.name(), feature)));
            }
        }
        return new ResolvedFeatures(project(), registryVersion(), features);
    }

    private RegistryLookupException brokenOr(String name, Supplier<RegistryLookupException> unknown) {
        RegistryLookupException failure = broken.get(name);
        return failure != null ? failure : unknown.get();
    }

    private RegistryLookupException unknownView(String name) {
        return new RegistryLookupException(Reason.UNKNOWN_FEATURE_VIEW, project(), name,
                "Unknown feature view '%s' in project '%s' (registry version %d); %s".formatted(
                        name, project(), registryVersion(), existingViews()));
    }

    private String existingViews() {
        return "feature views: %s; on-demand feature views: %s".formatted(
                names(snapshot.featureViews().stream().map(FeatureView::name).toList()),
                names(snapshot.onDemandFeatureViews().stream().map(OnDemandFeatureView::name).toList()));
    }

    private RegistryLookupException inconsistent(String name, String problem) {
        return new RegistryLookupException(Reason.INCONSISTENT_SNAPSHOT, project(), name,
                "Inconsistent registry snapshot of project '%s' (registry version %d): %s".formatted(project(), registryVersion(), problem));
    }

    private static String kindOf(ResolvedView view) {
        return view instanceof ResolvedOnDemandView ? "on-demand feature view" : "feature view";
    }

    static String names(Collection<String> names) {
        if (names.isEmpty()) {
            return "(none)";
        }
        List<String> sorted = names.stream().sorted().toList();
        if (sorted.size() <= MAX_NAMES_IN_MESSAGE) {
            return String.join(", ", sorted);
        }
        return String.join(", ", sorted.subList(0, MAX_NAMES_IN_MESSAGE)) + ", ... (%d more)".formatted(sorted.size() - MAX_NAMES_IN_MESSAGE);
    }

    private static <T> Map<String, T> byName(List<T> objects, Function<T, String> name) {
        Map<String, T> map = new LinkedHashMap<>();
        objects.forEach(object -> map.putIfAbsent(name.apply(object), object));
        return map;
    }
}
