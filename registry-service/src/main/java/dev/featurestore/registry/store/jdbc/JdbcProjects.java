package dev.featurestore.registry.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.registry.domain.ProjectRecord;
import dev.featurestore.registry.domain.Projects;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link Projects} in PostgreSQL, table {@code registry.project} (a deleted project has {@code deleted_at}). */
@Singleton
final class JdbcProjects implements Projects {
    private static final String COLUMNS = "name, description, owner, registry_version, version, created_at";

    private final ProjectRowRepository repository;
    private final JdbcOperations jdbc;

    JdbcProjects(ProjectRowRepository repository, JdbcOperations jdbc) {
        this.repository = requireNonNull(repository, "repository is null");
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Override
    public boolean exists(String name) {
        return repository.existsByNameAndDeletedAtIsNull(name);
    }

    @Override
    public Optional<ProjectRecord> find(String name) {
        return repository.findByNameAndDeletedAtIsNull(name).map(JdbcProjects::toRecord);
    }

    @Override
    public List<ProjectRecord> list() {
        return repository.listLive().stream().map(JdbcProjects::toRecord).toList();
    }

    @Override
    public Optional<ProjectRecord> insertOrRevive(ProjectRecord project) {
        return jdbc.prepareStatement("""
                INSERT INTO project AS p (name, description, owner, registry_version, version, created_at) VALUES (?, ?, ?, ?, 1, ?)
                ON CONFLICT (name) DO UPDATE
                SET description = EXCLUDED.description, owner = EXCLUDED.owner, created_at = EXCLUDED.created_at, deleted_at = NULL,
                    version = p.version + 1, registry_version = p.registry_version + EXCLUDED.registry_version
                WHERE p.deleted_at IS NOT NULL
                RETURNING %s
                """.formatted(COLUMNS), statement -> {
            statement.setString(1, project.name());
            statement.setString(2, project.description());
            statement.setString(3, project.owner());
            statement.setLong(4, project.registryVersion());
            statement.setTimestamp(5, Timestamp.from(project.createdAt()));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.<ProjectRecord>empty();
            }
        });
    }

    @Override
    public Optional<ProjectRecord> lock(String name) {
        return jdbc.prepareStatement("SELECT %s FROM project WHERE name = ? AND deleted_at IS NULL FOR UPDATE".formatted(COLUMNS),
                statement -> {
                    statement.setString(1, name);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next() ? Optional.of(read(rows)) : Optional.<ProjectRecord>empty();
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

    @Override
    public void markDeleted(String name, long registryVersion, int version, Instant at) {
        jdbc.prepareStatement("UPDATE project SET registry_version = ?, version = ?, deleted_at = ? WHERE name = ?", statement -> {
            statement.setLong(1, registryVersion);
            statement.setInt(2, version);
            statement.setTimestamp(3, Timestamp.from(at));
            statement.setString(4, name);
            return statement.executeUpdate();
        });
    }

    @Override
    public boolean hasHistory(String name) {
        return repository.existsByName(name);
    }

    private static ProjectRecord read(ResultSet rows) throws SQLException {
        return new ProjectRecord(rows.getString("name"), rows.getString("description"), rows.getString("owner"),
                rows.getLong("registry_version"), rows.getInt("version"), rows.getTimestamp("created_at").toInstant());
    }

    private static ProjectRecord toRecord(ProjectRow row) {
        return new ProjectRecord(row.name(), row.description(), row.owner(), row.registryVersion(), row.version(), row.createdAt());
    }
}
