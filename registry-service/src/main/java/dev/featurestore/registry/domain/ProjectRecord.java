package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A project as the registry keeps it.
 *
 * @param registryVersion bumped by every change to the project's definitions; 1 when created
 */
public record ProjectRecord(String name, String description, String owner, long registryVersion, Instant createdAt) {
    public ProjectRecord {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
