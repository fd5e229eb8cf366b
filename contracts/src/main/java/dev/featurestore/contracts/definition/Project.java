package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import static java.util.Objects.requireNonNull;

/**
 * A project: the namespace every other definition lives in ({@code POST /v1/projects}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Project(String name, @Nullable String description, @Nullable String owner) {
    public Project {
        requireNonNull(name, "name is null");
    }
}
