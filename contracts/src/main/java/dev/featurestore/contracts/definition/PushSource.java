package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Values pushed through the serving API's {@code /push}; offline reads go to {@code batch_source}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushSource(
        String name,
        @JsonProperty("batch_source") String batchSource,
        @Nullable String description,
        @Nullable String owner,
        @Nullable Map<String, String> tags) implements DataSource {
    public PushSource {
        requireNonNull(name, "name is null");
        requireNonNull(batchSource, "batchSource is null");
        tags = Copies.mapOrNull(tags);
    }

    public PushSource(String name, String batchSource) {
        this(name, batchSource, null, null, null);
    }

    @Override
    public SourceType sourceType() {
        return SourceType.PUSH;
    }
}
