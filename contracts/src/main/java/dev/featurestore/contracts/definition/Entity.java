package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What features are about (a driver, a customer), identified by one or more join keys.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entity(
        String name,
        @JsonProperty("join_keys") List<JoinKey> joinKeys,
        @Nullable String description,
        @Nullable String owner,
        @Nullable Map<String, String> tags) {
    public Entity {
        requireNonNull(name, "name is null");
        joinKeys = List.copyOf(requireNonNull(joinKeys, "joinKeys is null"));
        tags = Copies.mapOrNull(tags);
    }

    public Entity(String name, List<JoinKey> joinKeys) {
        this(name, joinKeys, null, null, null);
    }
}
