package dev.featurestore.registry.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /v1/projects}; every field optional here so that a missing name is reported by field. */
@Serdeable
public record CreateProjectRequest(@Nullable String name, @Nullable String description, @Nullable String owner) {
}
