package dev.featurestore.monitoring.store.jdbc;

import static dev.featurestore.monitoring.store.jdbc.JdbcValues.instant;
import static dev.featurestore.monitoring.store.jdbc.JdbcValues.setTimestamp;
import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.monitoring.domain.statistics.Baseline;
import dev.featurestore.monitoring.domain.statistics.Drift;
import dev.featurestore.monitoring.domain.statistics.RunStatistics;
import dev.featurestore.monitoring.domain.statistics.StatisticsStore;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link StatisticsStore} in tables {@code run_statistics} and {@code statistics_baseline} of schema {@code monitoring}. */
@Singleton
class JdbcStatisticsStore implements StatisticsStore {
    private static final String COLUMNS = """
            project, feature_view, run_id, completed_at, start_ts, end_ts, rows_read, entities_written, max_event_ts, statistics::text AS statistics,
            drift::text AS drift""";
    private static final Argument<Map<String, FeatureStatistics>> STATISTICS = Argument.mapOf(String.class, FeatureStatistics.class);

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcStatisticsStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean save(RunStatistics run) {
        return jdbc.prepareStatement("""
                INSERT INTO run_statistics (project, feature_view, run_id, completed_at, start_ts, end_ts, rows_read, entities_written, max_event_ts,
                    statistics, drift)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
                ON CONFLICT (project, feature_view, run_id) DO NOTHING
                """, statement -> {
            statement.setString(1, run.project());
            statement.setString(2, run.featureView());
            statement.setObject(3, UUID.fromString(run.runId()));
            statement.setTimestamp(4, Timestamp.from(run.completedAt()));
            setTimestamp(statement, 5, run.startTimestamp());
            statement.setTimestamp(6, Timestamp.from(run.endTimestamp()));
            statement.setLong(7, run.rowsRead());
            statement.setLong(8, run.entitiesWritten());
            setTimestamp(statement, 9, run.maxEventTimestamp());
            statement.setString(10, write(run.statistics()));
            statement.setString(11, write(run.drift()));
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<RunStatistics> previous(String project, String featureView, Instant completedAt) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + """
                 FROM run_statistics WHERE project = ? AND feature_view = ? AND completed_at < ? ORDER BY completed_at DESC LIMIT 1
                """, statement -> {
            statement.setString(1, project);
            statement.setString(2, featureView);
            statement.setTimestamp(3, Timestamp.from(completedAt));
            return first(statement);
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<RunStatistics> find(String project, String featureView, String runId) {
        UUID id;
        try {
            id = UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM run_statistics WHERE project = ? AND feature_view = ? AND run_id = ?", statement -> {
            statement.setString(1, project);
            statement.setString(2, featureView);
            statement.setObject(3, id);
            return first(statement);
        });
    }

    @Override
    @Transactional(readOnly = true)
    public List<RunStatistics> history(String project, String featureView, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + """
                 FROM run_statistics WHERE project = ? AND feature_view = ? ORDER BY completed_at DESC, run_id LIMIT ?
                """, statement -> {
            statement.setString(1, project);
            statement.setString(2, featureView);
            statement.setInt(3, limit);
            return all(statement);
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Baseline> baseline(String project, String featureView) {
        return jdbc.prepareStatement("SELECT run_id, pinned_at, pinned_by FROM statistics_baseline WHERE project = ? AND feature_view = ?", statement -> {
            statement.setString(1, project);
            statement.setString(2, featureView);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(new Baseline(project, featureView, rows.getString(1), rows.getTimestamp(2).toInstant(), rows.getString(3)))
                        : Optional.empty();
            }
        });
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Baseline pinIfAbsent(Baseline baseline) {
        upsert(baseline, "DO NOTHING");
        return baseline(baseline.project(), baseline.featureView()).orElseThrow();
    }

    @Override
    @Transactional
    public void pin(Baseline baseline) {
        upsert(baseline, "DO UPDATE SET run_id = excluded.run_id, pinned_at = excluded.pinned_at, pinned_by = excluded.pinned_by");
    }

    @Override
    @Transactional
    public int deleteProject(String project, Instant deletedAt) {
        int runs = jdbc.prepareStatement("DELETE FROM run_statistics WHERE project = ? AND completed_at <= ?", statement -> {
            statement.setString(1, project);
            statement.setTimestamp(2, Timestamp.from(deletedAt));
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("""
                DELETE FROM statistics_baseline b WHERE b.project = ?
                  AND NOT EXISTS (SELECT 1 FROM run_statistics r WHERE r.project = b.project AND r.feature_view = b.feature_view AND r.run_id = b.run_id)
                """, statement -> {
            statement.setString(1, project);
            return statement.executeUpdate();
        });
        return runs;
    }

    @Override
    @Transactional
    public int deleteOlderThan(Instant cutoff) {
        return jdbc.prepareStatement("""
                DELETE FROM run_statistics r WHERE r.completed_at < ?
                  AND NOT EXISTS (SELECT 1 FROM statistics_baseline b
                                  WHERE b.project = r.project AND b.feature_view = r.feature_view AND b.run_id = r.run_id)
                  AND r.completed_at < (SELECT max(l.completed_at) FROM run_statistics l
                                        WHERE l.project = r.project AND l.feature_view = r.feature_view)
                """, statement -> {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            return statement.executeUpdate();
        });
    }

    private void upsert(Baseline baseline, String onConflict) {
        jdbc.prepareStatement("""
                INSERT INTO statistics_baseline (project, feature_view, run_id, pinned_at, pinned_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (project, feature_view)
                """ + onConflict, statement -> {
            statement.setString(1, baseline.project());
            statement.setString(2, baseline.featureView());
            statement.setObject(3, UUID.fromString(baseline.runId()));
            statement.setTimestamp(4, Timestamp.from(baseline.pinnedAt()));
            statement.setString(5, baseline.pinnedBy());
            return statement.executeUpdate();
        });
    }

    private Optional<RunStatistics> first(PreparedStatement statement) throws SQLException {
        List<RunStatistics> runs = all(statement);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    private List<RunStatistics> all(PreparedStatement statement) throws SQLException {
        List<RunStatistics> runs = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                runs.add(new RunStatistics(rows.getString("project"), rows.getString("feature_view"), rows.getString("run_id"),
                        instant(rows, "completed_at"), instant(rows, "start_ts"), instant(rows, "end_ts"),
                        rows.getLong("rows_read"), rows.getLong("entities_written"), instant(rows, "max_event_ts"),
                        read(rows.getString("statistics"), STATISTICS), read(rows.getString("drift"), Argument.of(Drift.class))));
            }
        }
        return runs;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write statistics as JSON", e);
        }
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read stored statistics", e);
        }
    }
}
