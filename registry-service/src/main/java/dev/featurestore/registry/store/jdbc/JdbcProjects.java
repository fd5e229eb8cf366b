package dev.featurestore.registry.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.registry.domain.ProjectRecord;
import dev.featurestore.registry.domain.Projects;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** {@link Projects} in PostgreSQL, table {@code registry.project}. */
@Singleton
final class JdbcProjects implements Projects {
    private final ProjectRowRepository repository;
    private final JdbcOperations jdbc;

    JdbcProjects(ProjectRowRepository repository, JdbcOperations jdbc) {
        this.repository = requireNonNull(repository, "repository is null");
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
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

    @Override
    public boolean insertIfAbsent(ProjectRecord project) {
        return jdbc.prepareStatement("""
                INSERT INTO project (name, description, owner, registry_version, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO NOTHING
                """, statement -> {
            statement.setString(1, project.name());
            statement.setString(2, project.description());
            statement.setString(3, project.owner());
            statement.setLong(4, project.registryVersion());
            statement.setTimestamp(5, Timestamp.from(project.createdAt()));
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<ProjectRecord> lock(String name) {
        return jdbc.prepareStatement("SELECT name, description, owner, registry_version, created_at FROM project WHERE name = ? FOR UPDATE",
                statement -> {
                    statement.setString(1, name);
                    try (ResultSet rows = statement.executeQuery()) {
                        if (!rows.next()) {
                            return Optional.<ProjectRecord>empty();
                        }
                        return Optional.of(new ProjectRecord(rows.getString("name"), rows.getString("description"), rows.getString("owner"),
                                rows.getLong("registry_version"), rows.getTimestamp("created_at").toInstant()));
                    }
                });
    }

    @Override
    public void updateRegistryVersion(String name, long registryVersion) {
        jdbc.prepareStatement("UPDATE project SET registry_version = ? WHERE name = ?", statement -> {
            statement.setLong(1, registryVersion);
            statement.setString(2, name);
            return statement.executeUpdate();
        });
    }

    private static ProjectRecord toRecord(ProjectRow row) {
        return new ProjectRecord(row.name(), row.description(), row.owner(), row.registryVersion(), row.createdAt());
    }
}
