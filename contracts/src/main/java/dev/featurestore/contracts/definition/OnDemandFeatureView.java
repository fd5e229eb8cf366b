package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Features computed at read time by CEL expressions (one per schema field) over the features of
 * its source views and the fields of its request sources.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OnDemandFeatureView(
        String name,
        List<String> sources,
        List<Field> schema,
        Map<String, String> expressions,
        @Nullable String description,
        @Nullable String owner,
        @Nullable Map<String, String> tags) {
    public OnDemandFeatureView {
        requireNonNull(name, "name is null");
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
        schema = List.copyOf(requireNonNull(schema, "schema is null"));
        expressions = Copies.orderedMap(requireNonNull(expressions, "expressions is null"));
        tags = Copies.mapOrNull(tags);
    }

    public OnDemandFeatureView(String name, List<String> sources, List<Field> schema, Map<String, String> expressions) {
        this(name, sources, schema, expressions, null, null, null);
    }

    public List<String> featureNames() {
        return schema.stream().map(Field::name).toList();
    }
}
