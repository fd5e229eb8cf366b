package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One stored version of an object.
 *
 * @param version 1 for the first version, one more for each change
 * @param deleted whether this version is the delete of the object (its definition is the last one)
 * @param registryVersion the project's {@code registry_version} that this version was written in
 */
public record ObjectVersion(String project, DefinitionObject object, int version, boolean deleted, long registryVersion, Instant createdAt) {
    public ObjectVersion {
        requireNonNull(project, "project is null");
        requireNonNull(object, "object is null");
        requireNonNull(createdAt, "createdAt is null");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, got %d".formatted(version));
        }
    }
}
