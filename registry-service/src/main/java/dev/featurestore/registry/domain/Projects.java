package dev.featurestore.registry.domain;

import java.util.List;
import java.util.Optional;

/** Where projects are kept. */
public interface Projects {
    boolean exists(String name);

    void insert(ProjectRecord project);

    Optional<ProjectRecord> find(String name);

    List<ProjectRecord> list();
}
