package dev.featurestore.registry.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.access.AccessSnapshot;
import dev.featurestore.contracts.access.ApiKeyRecord;
import dev.featurestore.contracts.access.Role;
import dev.featurestore.contracts.access.RoleBinding;
import dev.featurestore.registry.domain.access.AccessAuditEntry;
import dev.featurestore.registry.domain.access.AccessStore;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AccessStore} in PostgreSQL: tables {@code api_key}, {@code role_binding}, {@code access_version}, {@code access_audit}. */
@Singleton
class JdbcAccessStore implements AccessStore {
    private static final String KEY_COLUMNS = "key_id, secret_sha256, name, project, created_at, created_by, expires_at, revoked_at";

    private final JdbcOperations jdbc;

    JdbcAccessStore(JdbcOperations jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Override
    public void insertKey(ApiKeyRecord key) {
        jdbc.prepareStatement("""
                INSERT INTO api_key (key_id, secret_sha256, name, project, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, statement -> {
            statement.setString(1, key.keyId());
            statement.setString(2, key.secretSha256());
            statement.setString(3, key.name());
            statement.setString(4, key.project());
            statement.setTimestamp(5, Timestamp.from(key.createdAt()));
            statement.setString(6, key.createdBy());
            setInstant(statement, 7, key.expiresAt());
            return statement.executeUpdate();
        });
    }

    @Override
    public Optional<ApiKeyRecord> findKey(String keyId) {
        return jdbc.prepareStatement("SELECT %s FROM api_key WHERE key_id = ?".formatted(KEY_COLUMNS), statement -> {
            statement.setString(1, keyId);
            return readKeys(statement).stream().findFirst();
        });
    }

    @Override
    public List<ApiKeyRecord> keys(String project) {
        return jdbc.prepareStatement("SELECT %s FROM api_key WHERE project = ? ORDER BY created_at DESC, key_id".formatted(KEY_COLUMNS), statement -> {
            statement.setString(1, project);
            return readKeys(statement);
        });
    }

    @Override
    public boolean revokeKey(String keyId, String actor, Instant at) {
        return jdbc.prepareStatement("UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE key_id = ? AND revoked_at IS NULL", statement -> {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setString(2, actor);
            statement.setString(3, keyId);
            return statement.executeUpdate() > 0;
        });
    }

    @Override
    public boolean addBinding(RoleBinding binding, String actor, Instant at) {
        return jdbc.prepareStatement("""
                INSERT INTO role_binding (project, principal, role, created_at, created_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, statement -> {
            bindBinding(statement, binding);
            statement.setTimestamp(4, Timestamp.from(at));
            statement.setString(5, actor);
            return statement.executeUpdate() > 0;
        });
    }

    @Override
    public boolean removeBinding(RoleBinding binding) {
        return jdbc.prepareStatement("DELETE FROM role_binding WHERE project = ? AND principal = ? AND role = ?", statement -> {
            bindBinding(statement, binding);
            return statement.executeUpdate() > 0;
        });
    }

    @Override
    public List<RoleBinding> bindings(String project) {
        return jdbc.prepareStatement("SELECT project, principal, role FROM role_binding WHERE project = ? ORDER BY principal, role", statement -> {
            statement.setString(1, project);
            return readBindings(statement);
        });
    }

    @Override
    public int[] clearProject(String project, String actor, Instant at) {
        int bindings = jdbc.prepareStatement("DELETE FROM role_binding WHERE project = ?", statement -> {
            statement.setString(1, project);
            return statement.executeUpdate();
        });
        int keys = jdbc.prepareStatement("UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE project = ? AND revoked_at IS NULL", statement -> {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setString(2, actor);
            statement.setString(3, project);
            return statement.executeUpdate();
        });
        return new int[] {bindings, keys};
    }

    @Override
    public void audit(AccessAuditEntry entry) {
        jdbc.prepareStatement("INSERT INTO access_audit (project, action, subject, detail, actor, at) VALUES (?, ?, ?, ?, ?, ?)", statement -> {
            statement.setString(1, entry.project());
            statement.setString(2, entry.action());
            statement.setString(3, entry.subject());
            statement.setString(4, entry.detail());
            statement.setString(5, entry.actor());
            statement.setTimestamp(6, Timestamp.from(entry.at()));
            return statement.executeUpdate();
        });
    }

    @Override
    public List<AccessAuditEntry> auditLog(String project, Long beforeId, int limit) {
        return jdbc.prepareStatement("""
                SELECT id, project, action, subject, detail, actor, at FROM access_audit
                WHERE project = ? AND (?::bigint IS NULL OR id < ?::bigint) ORDER BY id DESC LIMIT ?
                """, statement -> {
            statement.setString(1, project);
            bindCursor(statement, 2, beforeId);
            statement.setInt(4, limit);
            List<AccessAuditEntry> entries = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AccessAuditEntry(rows.getLong("id"), rows.getString("project"), rows.getString("action"),
                            rows.getString("subject"), rows.getString("detail"), rows.getString("actor"), rows.getTimestamp("at").toInstant()));
                }
            }
            return List.copyOf(entries);
        });
    }

    @Override
    public long bumpVersion() {
        return jdbc.prepareStatement("UPDATE access_version SET version = version + 1 WHERE id = 1 RETURNING version", statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public long version() {
        return jdbc.prepareStatement("SELECT version FROM access_version WHERE id = 1", statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        });
    }

    @Override
    public AccessSnapshot snapshot() {
        long version = version();
        List<ApiKeyRecord> keys = jdbc.prepareStatement("SELECT %s FROM api_key WHERE revoked_at IS NULL".formatted(KEY_COLUMNS),
                JdbcAccessStore::readKeys);
        List<RoleBinding> bindings = jdbc.prepareStatement("SELECT project, principal, role FROM role_binding", JdbcAccessStore::readBindings);
        return new AccessSnapshot(version, keys, bindings);
    }

    /** Binds {@code (?::bigint IS NULL OR id < ?::bigint)} at {@code index} and the next: no cursor, or the id to read below. */
    static void bindCursor(PreparedStatement statement, int index, Long beforeId) throws SQLException {
        if (beforeId == null) {
            statement.setNull(index, Types.BIGINT);
            statement.setNull(index + 1, Types.BIGINT);
        }
        else {
            statement.setLong(index, beforeId);
            statement.setLong(index + 1, beforeId);
        }
    }

    private static void bindBinding(PreparedStatement statement, RoleBinding binding) throws SQLException {
        statement.setString(1, binding.project());
        statement.setString(2, binding.principal());
        statement.setString(3, binding.role().wireName());
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        else {
            statement.setTimestamp(index, Timestamp.from(value));
        }
    }

    private static List<ApiKeyRecord> readKeys(PreparedStatement statement) throws SQLException {
        List<ApiKeyRecord> keys = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Timestamp expires = rows.getTimestamp("expires_at");
                keys.add(new ApiKeyRecord(rows.getString("key_id"), rows.getString("secret_sha256"), rows.getString("name"), rows.getString("project"),
                        rows.getTimestamp("created_at").toInstant(), rows.getString("created_by"), expires == null ? null : expires.toInstant(),
                        rows.getTimestamp("revoked_at") != null));
            }
        }
        return List.copyOf(keys);
    }

    private static List<RoleBinding> readBindings(PreparedStatement statement) throws SQLException {
        List<RoleBinding> bindings = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                bindings.add(new RoleBinding(rows.getString("project"), rows.getString("principal"), Role.fromWireName(rows.getString("role"))));
            }
        }
        return List.copyOf(bindings);
    }
}
