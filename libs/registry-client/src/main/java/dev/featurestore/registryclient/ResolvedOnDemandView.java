package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.definition.RequestSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An on-demand feature view with its sources resolved.
 *
 * @param project the project holding the view
 * @param definition the view as the registry holds it
 * @param sourceViews the feature views and on-demand views it reads, in the order it names them
 * @param requestSources the request sources it reads, in the order it names them
 */
public record ResolvedOnDemandView(
        String project,
        OnDemandFeatureView definition,
        List<ResolvedView> sourceViews,
        List<RequestSource> requestSources) implements ResolvedView {
    public ResolvedOnDemandView {
        requireNonNull(project, "project is null");
        requireNonNull(definition, "definition is null");
        sourceViews = List.copyOf(requireNonNull(sourceViews, "sourceViews is null"));
        requestSources = List.copyOf(requireNonNull(requestSources, "requestSources is null"));
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public List<Field> schema() {
        return definition.schema();
    }

    /**
     * The CEL expression of each output feature.
     *
     * @return feature name to expression, in the order of the definition
     */
    public Map<String, String> expressions() {
        return definition.expressions();
    }

    /**
     * The fields of each source the expressions may read, as the on-demand compiler takes them.
     *
     * @return source name (view or request source) to its fields, in the order the view names them
     */
    public Map<String, List<Field>> sourceSchemas() {
        Map<String, List<Field>> schemas = new LinkedHashMap<>();
        sourceViews.forEach(source -> schemas.put(source.name(), source.schema()));
        requestSources.forEach(source -> schemas.put(source.name(), source.schema()));
        return schemas;
    }

    @Override
    public List<ResolvedEntity> entities() {
        Map<String, ResolvedEntity> entities = new LinkedHashMap<>();
        for (ResolvedView view : sourceViews) {
            view.entities().forEach(entity -> entities.putIfAbsent(entity.name(), entity));
        }
        return List.copyOf(entities.values());
    }

    /**
     * The feature views whose values the expressions read, directly or through other on-demand views.
     *
     * @return the views, each once, in first-use order
     */
    public List<ResolvedFeatureView> featureViewsRead() {
        Map<String, ResolvedFeatureView> views = new LinkedHashMap<>();
        collectFeatureViews(this, views);
        return List.copyOf(views.values());
    }

    /**
     * The request sources read, directly or through other on-demand views.
     *
     * @return the sources, each once, in first-use order
     */
    public List<RequestSource> requestSourcesRead() {
        Map<String, RequestSource> sources = new LinkedHashMap<>();
        collectRequestSources(this, sources);
        return List.copyOf(sources.values());
    }

    private static void collectFeatureViews(ResolvedOnDemandView view, Map<String, ResolvedFeatureView> into) {
        for (ResolvedView source : view.sourceViews) {
            if (source instanceof ResolvedFeatureView featureView) {
                into.putIfAbsent(featureView.name(), featureView);
            }
            else if (source instanceof ResolvedOnDemandView onDemandView) {
                collectFeatureViews(onDemandView, into);
            }
        }
    }

    private static void collectRequestSources(ResolvedOnDemandView view, Map<String, RequestSource> into) {
        view.requestSources.forEach(source -> into.putIfAbsent(source.name(), source));
        for (ResolvedView source : view.sourceViews) {
            if (source instanceof ResolvedOnDemandView onDemandView) {
                collectRequestSources(onDemandView, into);
            }
        }
    }
}
