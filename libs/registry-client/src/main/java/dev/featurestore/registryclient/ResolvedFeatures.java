package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.RequestSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of feature references, or a feature service, resolved against one registry version.
 *
 * @param project the project
 * @param registryVersion the {@code registry_version} of the snapshot it was resolved against
 * @param features the features in request order (a feature service's in its item order)
 */
public record ResolvedFeatures(String project, long registryVersion, List<ResolvedFeature> features) {
    public ResolvedFeatures {
        requireNonNull(project, "project is null");
        features = List.copyOf(requireNonNull(features, "features is null"));
    }

    public List<FeatureReference> references() {
        return features.stream().map(ResolvedFeature::reference).toList();
    }

    /**
     * The requested features that are sensitive ({@link Sensitivity}).
     *
     * @return their references, in request order
     */
    public List<FeatureReference> sensitive() {
        return features.stream().filter(feature -> Sensitivity.isSensitive(feature.view(), feature.field())).map(ResolvedFeature::reference).toList();
    }

    /**
     * The requested features grouped by view, views in the order they first appear.
     *
     * @return one selection per view
     */
    public List<ViewSelection> views() {
        Map<String, ResolvedView> views = new LinkedHashMap<>();
        Map<String, List<Field>> fields = new LinkedHashMap<>();
        for (ResolvedFeature feature : features) {
            views.putIfAbsent(feature.view().name(), feature.view());
            fields.computeIfAbsent(feature.view().name(), name -> new ArrayList<>()).add(feature.field());
        }
        return views.values().stream().map(view -> new ViewSelection(view, fields.get(view.name()))).toList();
    }

    /**
     * The on-demand views among the requested ones.
     *
     * @return the views, in first-appearance order
     */
    public List<ResolvedOnDemandView> onDemandViews() {
        Map<String, ResolvedOnDemandView> views = new LinkedHashMap<>();
        for (ResolvedFeature feature : features) {
            if (feature.view() instanceof ResolvedOnDemandView onDemandView) {
                views.putIfAbsent(onDemandView.name(), onDemandView);
            }
        }
        return List.copyOf(views.values());
    }

    /**
     * The requested on-demand views and the on-demand views they read, at any depth, each after the views it
     * reads: the order to compute them in.
     *
     * @return the views, each once
     */
    public List<ResolvedOnDemandView> onDemandViewsInEvaluationOrder() {
        List<ResolvedOnDemandView> ordered = new ArrayList<>();
        onDemandViews().forEach(view -> addInEvaluationOrder(view, ordered));
        return List.copyOf(ordered);
    }

    private static void addInEvaluationOrder(ResolvedOnDemandView view, List<ResolvedOnDemandView> ordered) {
        if (ordered.stream().anyMatch(existing -> existing.name().equals(view.name()))) {
            return;
        }
        for (ResolvedView source : view.sourceViews()) {
            if (source instanceof ResolvedOnDemandView onDemand) {
                addInEvaluationOrder(onDemand, ordered);
            }
        }
        ordered.add(view);
    }

    /**
     * Every feature view a read of these features touches: the requested ones and those the
     * requested on-demand views read.
     *
     * @return the views, each once, in first-use order
     */
    public List<ResolvedFeatureView> featureViewsToRead() {
        Map<String, ResolvedFeatureView> views = new LinkedHashMap<>();
        for (ResolvedFeature feature : features) {
            if (feature.view() instanceof ResolvedFeatureView featureView) {
                views.putIfAbsent(featureView.name(), featureView);
            }
            else if (feature.view() instanceof ResolvedOnDemandView onDemandView) {
                onDemandView.featureViewsRead().forEach(view -> views.putIfAbsent(view.name(), view));
            }
        }
        return List.copyOf(views.values());
    }

    /**
     * The entities whose keys a read of these features needs.
     *
     * @return the entities, each once, in first-use order
     */
    public List<ResolvedEntity> entities() {
        Map<String, ResolvedEntity> entities = new LinkedHashMap<>();
        featureViewsToRead().forEach(view -> view.entities().forEach(entity -> entities.putIfAbsent(entity.name(), entity)));
        return List.copyOf(entities.values());
    }

    /**
     * The request sources the requested on-demand views read (their fields come with the request).
     *
     * @return the sources, each once, in first-use order
     */
    public List<RequestSource> requestSources() {
        Map<String, RequestSource> sources = new LinkedHashMap<>();
        onDemandViews().forEach(view -> view.requestSourcesRead().forEach(source -> sources.putIfAbsent(source.name(), source)));
        return List.copyOf(sources.values());
    }
}
