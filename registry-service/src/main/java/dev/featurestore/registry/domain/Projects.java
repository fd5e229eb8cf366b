package dev.featurestore.registry.domain;

import java.util.List;
import java.util.Optional;

/** Where projects are kept. */
public interface Projects {
    boolean exists(String name);

    void insert(ProjectRecord project);

    Optional<ProjectRecord> find(String name);

    List<ProjectRecord> list();

    /**
     * Inserts the project unless one of its name exists (waiting for a concurrent insert of the
     * same name to commit or roll back).
     *
     * @return whether it was inserted
     */
    boolean insertIfAbsent(ProjectRecord project);

    /**
     * Reads the project and locks it until the end of the transaction, so that changes to one
     * project's definitions are serialized.
     */
    Optional<ProjectRecord> lock(String name);

    void updateRegistryVersion(String name, long registryVersion);
}
