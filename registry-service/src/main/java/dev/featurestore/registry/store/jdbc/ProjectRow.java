package dev.featurestore.registry.store.jdbc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A row of {@code registry.project}; {@code deletedAt} is set while the project is deleted. */
@MappedEntity("project")
record ProjectRow(
        @Id String name,
        String description,
        String owner,
        @MappedProperty("registry_version") long registryVersion,
        int version,
        @MappedProperty("created_at") Instant createdAt,
        @MappedProperty("deleted_at") @Nullable Instant deletedAt) {
}
