package dev.featurestore.registry.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.registry.domain.ProjectRecord;
import dev.featurestore.registry.domain.Projects;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** {@link Projects} in PostgreSQL, table {@code registry.project}. */
@Singleton
final class JdbcProjects implements Projects {
    private final ProjectRowRepository repository;

    JdbcProjects(ProjectRowRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    @Override
    public boolean exists(String name) {
        return repository.existsByName(name);
    }

    @Override
    public void insert(ProjectRecord project) {
        repository.save(new ProjectRow(project.name(), project.description(), project.owner(), project.registryVersion(), project.createdAt()));
    }

    @Override
    public Optional<ProjectRecord> find(String name) {
        return repository.findByName(name).map(JdbcProjects::toRecord);
    }

    @Override
    public List<ProjectRecord> list() {
        return repository.listAll().stream().map(JdbcProjects::toRecord).toList();
    }

    private static ProjectRecord toRecord(ProjectRow row) {
        return new ProjectRecord(row.name(), row.description(), row.owner(), row.registryVersion(), row.createdAt());
    }
}
