package dev.featurestore.monitoring.store.jdbc;

import static dev.featurestore.monitoring.store.jdbc.JdbcValues.instant;
import static dev.featurestore.monitoring.store.jdbc.JdbcValues.setTimestamp;
import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.FreshnessError;
import dev.featurestore.contracts.events.FreshnessRun;
import dev.featurestore.monitoring.domain.freshness.FreshnessState;
import dev.featurestore.monitoring.domain.freshness.FreshnessStore;
import dev.featurestore.monitoring.domain.freshness.ViewFreshness;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link FreshnessStore} in table {@code view_freshness} of schema {@code monitoring}. */
@Singleton
class JdbcFreshnessStore implements FreshnessStore {
    private static final String COLUMNS = """
            project, feature_view, defined, online, freshness_sla_ms, materialization_interval_ms, first_seen_at, max_event_ts, last_run_id,
            last_run_at, last_run_max_event_ts, last_error_run_id, last_error_at, last_error_code, last_error_message, state, state_since, reason""";

    private final JdbcOperations jdbc;

    JdbcFreshnessStore(JdbcOperations jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Override
    @Transactional
    public void ensure(String project, String featureView, Instant now) {
        update("""
                INSERT INTO view_freshness (project, feature_view, first_seen_at, state_since) VALUES (?, ?, ?, ?)
                ON CONFLICT (project, feature_view) DO NOTHING
                """, statement -> {
            key(statement, project, featureView);
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setTimestamp(4, Timestamp.from(now));
        });
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<ViewFreshness> lock(String project, String featureView) {
        return one("SELECT " + COLUMNS + " FROM view_freshness WHERE project = ? AND feature_view = ? FOR UPDATE", project, featureView);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ViewFreshness> find(String project, String featureView) {
        return one("SELECT " + COLUMNS + " FROM view_freshness WHERE project = ? AND feature_view = ?", project, featureView);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ViewFreshness> defined(Optional<String> project) {
        String sql = "SELECT " + COLUMNS + " FROM view_freshness WHERE defined" + (project.isPresent() ? " AND project = ?" : "")
                + " ORDER BY project, feature_view";
        return jdbc.prepareStatement(sql, statement -> {
            if (project.isPresent()) {
                statement.setString(1, project.get());
            }
            return all(statement);
        });
    }

    @Override
    @Transactional(readOnly = true)
    public List<ViewKey> toEvaluate() {
        return jdbc.prepareStatement("""
                SELECT project, feature_view FROM view_freshness
                WHERE (defined AND online) OR state <> 'unknown'
                ORDER BY project, feature_view
                """, statement -> {
            List<ViewKey> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(new ViewKey(rows.getString(1), rows.getString(2)));
                }
            }
            return keys;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> definedNames(String project) {
        return jdbc.prepareStatement("SELECT feature_view FROM view_freshness WHERE project = ? AND defined ORDER BY feature_view", statement -> {
            statement.setString(1, project);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void define(String project, String featureView, boolean online, @Nullable Duration freshnessSla, @Nullable Duration materializationInterval) {
        update("""
                UPDATE view_freshness SET defined = true, online = ?, freshness_sla_ms = ?, materialization_interval_ms = ?
                WHERE project = ? AND feature_view = ?
                """, statement -> {
            statement.setBoolean(1, online);
            setMillis(statement, 2, freshnessSla);
            setMillis(statement, 3, materializationInterval);
            statement.setString(4, project);
            statement.setString(5, featureView);
        });
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void undefine(String project, String featureView) {
        update("UPDATE view_freshness SET defined = false WHERE project = ? AND feature_view = ?", statement -> key(statement, project, featureView));
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int deleteProject(String project, Instant deletedAt) {
        return jdbc.prepareStatement("DELETE FROM view_freshness WHERE project = ? AND first_seen_at <= ?", statement -> {
            statement.setString(1, project);
            statement.setTimestamp(2, Timestamp.from(deletedAt));
            return statement.executeUpdate();
        });
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void recordSuccess(String project, String featureView, FreshnessRun run) {
        update("""
                UPDATE view_freshness SET
                    max_event_ts = GREATEST(max_event_ts, ?),
                    last_run_id = CASE WHEN last_run_at IS NULL OR last_run_at < ? THEN ? ELSE last_run_id END,
                    last_run_max_event_ts = CASE WHEN last_run_at IS NULL OR last_run_at < ? THEN ? ELSE last_run_max_event_ts END,
                    last_run_at = GREATEST(last_run_at, ?)
                WHERE project = ? AND feature_view = ?
                """, statement -> {
            setTimestamp(statement, 1, run.maxEventTimestamp());
            statement.setTimestamp(2, Timestamp.from(run.completedAt()));
            statement.setObject(3, UUID.fromString(run.runId()));
            statement.setTimestamp(4, Timestamp.from(run.completedAt()));
            setTimestamp(statement, 5, run.maxEventTimestamp());
            statement.setTimestamp(6, Timestamp.from(run.completedAt()));
            statement.setString(7, project);
            statement.setString(8, featureView);
        });
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void recordFailure(String project, String featureView, FreshnessError error) {
        update("""
                UPDATE view_freshness SET last_error_run_id = ?, last_error_at = ?, last_error_code = ?, last_error_message = ?
                WHERE project = ? AND feature_view = ? AND (last_error_at IS NULL OR last_error_at < ?)
                """, statement -> {
            statement.setObject(1, UUID.fromString(error.runId()));
            statement.setTimestamp(2, Timestamp.from(error.failedAt()));
            statement.setString(3, error.errorCode());
            statement.setString(4, error.errorMessage());
            statement.setString(5, project);
            statement.setString(6, featureView);
            statement.setTimestamp(7, Timestamp.from(error.failedAt()));
        });
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void changeState(String project, String featureView, FreshnessState state, Instant since, @Nullable String reason) {
        update("UPDATE view_freshness SET state = ?, state_since = ?, reason = ? WHERE project = ? AND feature_view = ?", statement -> {
            statement.setString(1, state.wireName());
            statement.setTimestamp(2, Timestamp.from(since));
            statement.setString(3, reason);
            statement.setString(4, project);
            statement.setString(5, featureView);
        });
    }

    private Optional<ViewFreshness> one(String sql, String project, String featureView) {
        return jdbc.prepareStatement(sql, statement -> {
            key(statement, project, featureView);
            List<ViewFreshness> views = all(statement);
            return views.isEmpty() ? Optional.empty() : Optional.of(views.get(0));
        });
    }

    private static List<ViewFreshness> all(PreparedStatement statement) throws SQLException {
        List<ViewFreshness> views = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                views.add(view(rows));
            }
        }
        return views;
    }

    private static ViewFreshness view(ResultSet rows) throws SQLException {
        String lastRunId = rows.getString("last_run_id");
        String lastErrorId = rows.getString("last_error_run_id");
        return new ViewFreshness(
                rows.getString("project"),
                rows.getString("feature_view"),
                rows.getBoolean("defined"),
                rows.getBoolean("online"),
                millis(rows, "freshness_sla_ms"),
                millis(rows, "materialization_interval_ms"),
                instant(rows, "first_seen_at"),
                instant(rows, "max_event_ts"),
                lastRunId == null ? null : new FreshnessRun(lastRunId, instant(rows, "last_run_at"), instant(rows, "last_run_max_event_ts")),
                lastErrorId == null ? null : new FreshnessError(lastErrorId, instant(rows, "last_error_at"), rows.getString("last_error_code"),
                        rows.getString("last_error_message")),
                FreshnessState.fromWireName(rows.getString("state")),
                instant(rows, "state_since"),
                rows.getString("reason"));
    }

    private static Duration millis(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : Duration.ofMillis(value);
    }

    private static void key(PreparedStatement statement, String project, String featureView) throws SQLException {
        statement.setString(1, project);
        statement.setString(2, featureView);
    }

    private static void setMillis(PreparedStatement statement, int index, @Nullable Duration value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value.toMillis());
        }
    }

    private void update(String sql, Binder binder) {
        jdbc.prepareStatement(sql, statement -> {
            binder.bind(statement);
            return statement.executeUpdate();
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
