package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.FeatureDuration;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ParquetSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A feature view with its entities and sources resolved.
 *
 * @param project the project holding the view
 * @param definition the view as the registry holds it
 * @param entities its entities, in the order the view names them
 * @param source the source the view names (parquet, push or kafka)
 * @param offlineSource where offline reads go: {@code source} itself when it is a parquet source,
 *        else the {@code batch_source} of the push or kafka source
 */
public record ResolvedFeatureView(
        String project,
        FeatureView definition,
        List<ResolvedEntity> entities,
        DataSource source,
        ParquetSource offlineSource) implements ResolvedView {
    public ResolvedFeatureView {
        requireNonNull(project, "project is null");
        requireNonNull(definition, "definition is null");
        entities = List.copyOf(requireNonNull(entities, "entities is null"));
        requireNonNull(source, "source is null");
        requireNonNull(offlineSource, "offlineSource is null");
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
     * The join keys of all entities, entity by entity, in declaration order.
     *
     * @return the keys
     */
    public List<JoinKey> joinKeys() {
        return entities.stream().flatMap(entity -> entity.joinKeys().stream()).toList();
    }

    public List<String> joinKeyNames() {
        return joinKeys().stream().map(JoinKey::name).toList();
    }

    /**
     * How old a value may be; {@link Duration#ZERO} means no limit (also when {@code ttl} is absent).
     *
     * @return the time to live
     */
    public Duration ttl() {
        return definition.ttl() == null ? Duration.ZERO : definition.ttl().duration();
    }

    /**
     * Whether the view is materialized into the online store ({@code online}, true when absent).
     *
     * @return true when served online
     */
    public boolean online() {
        return definition.servedOnline();
    }

    public Optional<Duration> freshnessSla() {
        return Optional.ofNullable(definition.freshnessSla()).map(FeatureDuration::duration);
    }

    public Optional<Duration> materializationInterval() {
        return Optional.ofNullable(definition.materializationInterval()).map(FeatureDuration::duration);
    }

    /**
     * The event timestamp column of the offline source.
     *
     * @return the column name
     */
    public String timestampField() {
        return offlineSource.timestampField();
    }

    public Optional<String> createdTimestampColumn() {
        return Optional.ofNullable(offlineSource.createdTimestampColumn());
    }

    /**
     * The offline source's mapping from a column name in the files to a feature or key name.
     *
     * @return the mapping, empty when there is none
     */
    public Map<String, String> fieldMapping() {
        return Objects.requireNonNullElse(offlineSource.fieldMapping(), Map.of());
    }
}
