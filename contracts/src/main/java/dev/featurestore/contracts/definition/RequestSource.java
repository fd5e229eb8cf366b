package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Values that come with a serving request ({@code request_context}), read by on-demand views.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestSource(
        String name,
        List<Field> schema,
        @Nullable String description,
        @Nullable String owner,
        @Nullable Map<String, String> tags) implements DataSource {
    public RequestSource {
        requireNonNull(name, "name is null");
        schema = List.copyOf(requireNonNull(schema, "schema is null"));
        tags = Copies.mapOrNull(tags);
    }

    public RequestSource(String name, List<Field> schema) {
        this(name, schema, null, null, null);
    }

    @Override
    public SourceType sourceType() {
        return SourceType.REQUEST;
    }
}
