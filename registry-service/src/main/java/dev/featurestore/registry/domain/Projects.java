package dev.featurestore.registry.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where projects are kept. A deleted project keeps its row (and its history): every method but
 * {@link #hasHistory} and {@link #insertOrRevive} sees only projects that are not deleted.
 */
public interface Projects {
    boolean exists(String name);

    Optional<ProjectRecord> find(String name);

    List<ProjectRecord> list();

    /**
     * Creates the project unless one of its name exists (waiting for a concurrent insert of the
     * same name to commit or roll back). A deleted project of that name is revived instead: it
     * takes the given description, owner and creation time, its {@code version} goes up by one and
     * its {@code registry_version} goes up by the given one, so both continue where they stopped.
     *
     * @param project the new project (its {@code version} is ignored: 1 for a new project)
     * @return the project as created or revived; empty when a project of that name exists
     */
    Optional<ProjectRecord> insertOrRevive(ProjectRecord project);

    /**
     * Reads the project and locks it until the end of the transaction, so that changes to one
     * project's definitions are serialized.
     */
    Optional<ProjectRecord> lock(String name);

    void updateRegistryVersion(String name, long registryVersion);

    /**
     * Marks a project deleted, keeping its row, definitions and audit log.
     *
     * @param registryVersion the project's registry version after the delete
     * @param version the project's version after the delete
     */
    void markDeleted(String name, long registryVersion, int version, Instant at);

    /** Whether a project of that name exists now or existed once (its history is kept). */
    boolean hasHistory(String name);
}
