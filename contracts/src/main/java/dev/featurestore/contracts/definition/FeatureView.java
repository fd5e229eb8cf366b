package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Features of some entities read from one parquet, push or kafka source.
 *
 * <p>Absent optional fields: {@code ttl} means no limit, {@code online} means true.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureView(
        String name,
        List<String> entities,
        String source,
        @Nullable FeatureDuration ttl,
        @Nullable Boolean online,
        List<Field> schema,
        @JsonProperty("freshness_sla") @Nullable FeatureDuration freshnessSla,
        @JsonProperty("materialization_interval") @Nullable FeatureDuration materializationInterval,
        @Nullable String description,
        @Nullable String owner,
        @Nullable Map<String, String> tags) {
    public FeatureView {
        requireNonNull(name, "name is null");
        entities = List.copyOf(requireNonNull(entities, "entities is null"));
        requireNonNull(source, "source is null");
        schema = List.copyOf(requireNonNull(schema, "schema is null"));
        tags = Copies.mapOrNull(tags);
    }

    public FeatureView(String name, List<String> entities, String source, List<Field> schema) {
        this(name, entities, source, null, null, schema, null, null, null, null, null);
    }

    /**
     * Whether the view is materialized into the online store.
     *
     * @return {@code online}, true when absent
     */
    public boolean servedOnline() {
        return online == null || online;
    }

    public List<String> featureNames() {
        return schema.stream().map(Field::name).toList();
    }
}
