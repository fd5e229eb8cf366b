package dev.featurestore.registry.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.json.ContractsJson;
import dev.featurestore.registry.domain.AuditEntry;
import dev.featurestore.registry.domain.DefinitionObject;
import dev.featurestore.registry.domain.DefinitionObjects;
import dev.featurestore.registry.domain.Definitions;
import dev.featurestore.registry.domain.ObjectVersion;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link Definitions} in PostgreSQL: tables {@code registry_object}, {@code object_version}, {@code audit_log}. */
@Singleton
final class JdbcDefinitions implements Definitions {
    private static final String VERSION_COLUMNS = "v.project, v.kind, v.name, v.version, v.body::text AS body, v.deleted, v.registry_version, v.created_at";

    private final JdbcOperations jdbc;

    JdbcDefinitions(JdbcOperations jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Override
    public List<ObjectVersion> current(String project) {
        List<ObjectVersion> versions = jdbc.prepareStatement("""
                SELECT %s FROM registry_object o
                JOIN object_version v ON v.project = o.project AND v.kind = o.kind AND v.name = o.name AND v.version = o.current_version
                WHERE o.project = ? AND NOT o.deleted
                """.formatted(VERSION_COLUMNS), statement -> {
            statement.setString(1, project);
            return readVersions(statement);
        });
        List<ObjectVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.<ObjectVersion>comparingInt(version -> DefinitionObjects.KINDS.indexOf(version.object().kind()))
                .thenComparing(version -> version.object().name()));
        return List.copyOf(sorted);
    }

    @Override
    public List<ObjectVersion> currentInAllProjects(String text) {
        // A scan of the current bodies (the partial index registry_object_current keeps deleted
        // objects out); ILIKE over the JSON text narrows, Discovery matches exactly.
        List<ObjectVersion> versions = jdbc.prepareStatement("""
                SELECT %s FROM registry_object o
                JOIN project p ON p.name = o.project AND p.deleted_at IS NULL
                JOIN object_version v ON v.project = o.project AND v.kind = o.kind AND v.name = o.name AND v.version = o.current_version
                WHERE NOT o.deleted AND (?::text IS NULL OR v.body::text ILIKE ?::text)
                """.formatted(VERSION_COLUMNS), statement -> {
            if (text == null) {
                statement.setNull(1, Types.VARCHAR);
                statement.setNull(2, Types.VARCHAR);
            }
            else {
                String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                statement.setString(1, pattern);
                statement.setString(2, pattern);
            }
            return readVersions(statement);
        });
        List<ObjectVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.<ObjectVersion, String>comparing(ObjectVersion::project)
                .thenComparingInt(version -> DefinitionObjects.KINDS.indexOf(version.object().kind()))
                .thenComparing(version -> version.object().name()));
        return List.copyOf(sorted);
    }

    @Override
    public Optional<ObjectVersion> latest(String project, ObjectKind kind, String name) {
        return jdbc.prepareStatement("""
                SELECT %s FROM registry_object o
                JOIN object_version v ON v.project = o.project AND v.kind = o.kind AND v.name = o.name AND v.version = o.current_version
                WHERE o.project = ? AND o.kind = ? AND o.name = ?
                """.formatted(VERSION_COLUMNS), statement -> {
            bindObject(statement, project, kind, name);
            return readVersions(statement).stream().findFirst();
        });
    }

    @Override
    public void write(ObjectVersion version) {
        DefinitionObject object = version.object();
        jdbc.prepareStatement("""
                INSERT INTO registry_object (project, kind, name, current_version, deleted, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (project, kind, name) DO UPDATE
                SET current_version = EXCLUDED.current_version, deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at
                """, statement -> {
            bindObject(statement, version.project(), object.kind(), object.name());
            statement.setInt(4, version.version());
            statement.setBoolean(5, version.deleted());
            statement.setTimestamp(6, Timestamp.from(version.createdAt()));
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("""
                INSERT INTO object_version (project, kind, name, version, body, deleted, registry_version, created_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                """, statement -> {
            bindObject(statement, version.project(), object.kind(), object.name());
            statement.setInt(4, version.version());
            statement.setString(5, DefinitionObjects.toJson(object));
            statement.setBoolean(6, version.deleted());
            statement.setLong(7, version.registryVersion());
            statement.setTimestamp(8, Timestamp.from(version.createdAt()));
            return statement.executeUpdate();
        });
    }

    @Override
    public List<ObjectVersion> versions(String project, ObjectKind kind, String name) {
        return jdbc.prepareStatement("""
                SELECT %s FROM object_version v WHERE v.project = ? AND v.kind = ? AND v.name = ? ORDER BY v.version
                """.formatted(VERSION_COLUMNS), statement -> {
            bindObject(statement, project, kind, name);
            return readVersions(statement);
        });
    }

    @Override
    public Optional<ObjectVersion> version(String project, ObjectKind kind, String name, int version) {
        return jdbc.prepareStatement("""
                SELECT %s FROM object_version v WHERE v.project = ? AND v.kind = ? AND v.name = ? AND v.version = ?
                """.formatted(VERSION_COLUMNS), statement -> {
            bindObject(statement, project, kind, name);
            statement.setInt(4, version);
            return readVersions(statement).stream().findFirst();
        });
    }

    @Override
    public void appendAudit(AuditEntry entry) {
        jdbc.prepareStatement("""
                INSERT INTO audit_log (project, kind, name, version, action, diffs, actor, registry_version, at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                """, statement -> {
            bindObject(statement, entry.project(), entry.kind(), entry.name());
            statement.setInt(4, entry.version());
            statement.setString(5, entry.action().wireName());
            statement.setString(6, toJson(entry.diffs()));
            statement.setString(7, entry.actor());
            statement.setLong(8, entry.registryVersion());
            statement.setTimestamp(9, Timestamp.from(entry.at()));
            return statement.executeUpdate();
        });
    }

    @Override
    public List<AuditEntry> audit(String project, Long beforeId, int limit) {
        return jdbc.prepareStatement("""
                SELECT id, project, kind, name, version, action, diffs::text AS diffs, actor, registry_version, at FROM audit_log
                WHERE project = ? AND (?::bigint IS NULL OR id < ?::bigint) ORDER BY id DESC LIMIT ?
                """, statement -> {
            statement.setString(1, project);
            JdbcAccessStore.bindCursor(statement, 2, beforeId);
            statement.setInt(4, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AuditEntry(rows.getLong("id"), rows.getString("project"), ObjectKind.fromWireName(rows.getString("kind")),
                            rows.getString("name"), rows.getInt("version"), ChangeAction.fromWireName(rows.getString("action")),
                            fromJson(rows.getString("diffs")), rows.getString("actor"), rows.getLong("registry_version"),
                            rows.getTimestamp("at").toInstant()));
                }
            }
            return List.copyOf(entries);
        });
    }

    private static void bindObject(PreparedStatement statement, String project, ObjectKind kind, String name) throws SQLException {
        statement.setString(1, project);
        statement.setString(2, kind.wireName());
        statement.setString(3, name);
    }

    private static List<ObjectVersion> readVersions(PreparedStatement statement) throws SQLException {
        List<ObjectVersion> versions = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ObjectKind kind = ObjectKind.fromWireName(rows.getString("kind"));
                versions.add(new ObjectVersion(rows.getString("project"), DefinitionObjects.fromJson(kind, rows.getString("body")),
                        rows.getInt("version"), rows.getBoolean("deleted"), rows.getLong("registry_version"),
                        rows.getTimestamp("created_at").toInstant()));
            }
        }
        return List.copyOf(versions);
    }

    private static String toJson(List<String> diffs) {
        try {
            return ContractsJson.mapper().writeValueAsString(diffs);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fromJson(String json) {
        try {
            return ContractsJson.mapper().readValue(json.getBytes(StandardCharsets.UTF_8), Argument.listOf(String.class));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
