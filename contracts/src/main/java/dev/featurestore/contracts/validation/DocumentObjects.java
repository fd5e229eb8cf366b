package dev.featurestore.contracts.validation;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.OnDemandFeatureView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * {@link ExistingObjects} backed by a definition document.
 */
final class DocumentObjects implements ExistingObjects {
    private final Map<String, Entity> entities;
    private final Map<String, DataSource> dataSources;
    private final Map<String, FeatureView> featureViews;
    private final Map<String, OnDemandFeatureView> onDemandFeatureViews;

    DocumentObjects(DefinitionDocument document) {
        requireNonNull(document, "document is null");
        entities = byName(document.entitiesOrEmpty(), Entity::name);
        dataSources = byName(document.dataSourcesOrEmpty(), DataSource::name);
        featureViews = byName(document.featureViewsOrEmpty(), FeatureView::name);
        onDemandFeatureViews = byName(document.onDemandFeatureViewsOrEmpty(), OnDemandFeatureView::name);
    }

    private static <T> Map<String, T> byName(List<T> objects, Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        objects.forEach(object -> byName.putIfAbsent(name.apply(object), object));
        return byName;
    }

    @Override
    public Optional<Entity> entity(String name) {
        return Optional.ofNullable(entities.get(name));
    }

    @Override
    public Optional<DataSource> dataSource(String name) {
        return Optional.ofNullable(dataSources.get(name));
    }

    @Override
    public Optional<FeatureView> featureView(String name) {
        return Optional.ofNullable(featureViews.get(name));
    }

    @Override
    public Optional<OnDemandFeatureView> onDemandFeatureView(String name) {
        return Optional.ofNullable(onDemandFeatureViews.get(name));
    }
}
