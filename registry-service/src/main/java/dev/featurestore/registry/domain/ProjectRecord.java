package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A project as the registry keeps it.
 *
 * @param registryVersion bumped by every change to the project's definitions; 1 when created; it
 *                        continues (never restarts) when a deleted project is created again
 * @param version the project's own version: 1 when created, one more at each delete and each
 *                re-creation (the {@code object_version} of its {@code registry.object.changed} events)
 */
public record ProjectRecord(String name, String description, String owner, long registryVersion, int version, Instant createdAt) {
    public ProjectRecord {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(createdAt, "createdAt is null");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, got %d".formatted(version));
        }
    }
}
