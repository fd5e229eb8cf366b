package dev.featurestore.registry.store.jdbc;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A row of {@code registry.project}. */
@MappedEntity("project")
record ProjectRow(
        @Id String name,
        String description,
        String owner,
        @MappedProperty("registry_version") long registryVersion,
        @MappedProperty("created_at") Instant createdAt) {
}
