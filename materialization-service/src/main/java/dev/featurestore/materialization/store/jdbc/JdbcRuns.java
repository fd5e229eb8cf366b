package dev.featurestore.materialization.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.events.SkewCheck;
import dev.featurestore.materialization.config.MaterializationProperties;
import dev.featurestore.materialization.domain.run.Run;
import dev.featurestore.materialization.domain.run.RunState;
import dev.featurestore.materialization.domain.run.RunWindow;
import dev.featurestore.materialization.domain.run.Runs;
import dev.featurestore.materialization.domain.run.Trigger;
import dev.featurestore.runtime.events.Outbox;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Runs} in tables {@code run}, {@code view_lease} and {@code watermark} of schema {@code materialization}. A run's
 * {@code started_at} is stamped when its claim has the view's lease, and its {@code finished_at} before the lease is
 * released ({@code clock_timestamp()}, not the transaction's start), so a run of a view never seems to start before
 * the previous one finished.
 */
@Singleton
class JdbcRuns implements Runs {
    private static final String COLUMNS = """
            id, project, feature_view, trigger, state, requested_start, start_no_later_than, start_ts, end_ts, phase, rows_done, rows_total, rows_read,
            entities_written, entities_unchanged, entities_expired, max_event_ts, statistics::text AS statistics,
            skew_check::text AS skew_check, error_code, error_message, attempt, owner, created_at, started_at, finished_at""";
    /** Candidates looked at per claim: queued runs of views that are busy are passed over. */
    private static final int CLAIM_CANDIDATES = 50;

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final Outbox outbox;
    private final long leaseMillis;

    JdbcRuns(JdbcOperations jdbc, JsonMapper json, Outbox outbox, MaterializationProperties properties) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.leaseMillis = properties.leaseTimeout().toMillis();
    }

    @Override
    @Transactional
    public void create(List<NewRun> runs) {
        for (NewRun run : runs) {
            jdbc.prepareStatement("""
                    INSERT INTO run (id, project, feature_view, trigger, state, requested_start, end_ts, start_no_later_than)
                    VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)
                    """, statement -> {
                statement.setObject(1, run.id());
                statement.setString(2, run.project());
                statement.setString(3, run.featureView());
                statement.setString(4, run.trigger().wireName());
                setTimestamp(statement, 5, run.window().start());
                statement.setTimestamp(6, micros(run.window().end()));
                setTimestamp(statement, 7, run.window().startNoLaterThan());
                return statement.executeUpdate();
            });
        }
    }

    @Override
    @Transactional
    public UUID enqueueIncremental(String project, String featureView, Trigger trigger, RunWindow window) {
        if (!window.incremental()) {
            throw new IllegalArgumentException("not an incremental window: %s".formatted(window));
        }
        Optional<UUID> extended = jdbc.prepareStatement("""
                UPDATE run SET end_ts = GREATEST(end_ts, ?), start_no_later_than = LEAST(start_no_later_than, ?)
                WHERE id = (SELECT id FROM run WHERE project = ? AND feature_view = ? AND state = 'queued' AND requested_start IS NULL
                            ORDER BY created_at DESC LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id""", statement -> {
            statement.setTimestamp(1, micros(window.end()));
            setTimestamp(statement, 2, window.startNoLaterThan());
            statement.setString(3, project);
            statement.setString(4, featureView);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getObject(1, UUID.class)) : Optional.empty();
            }
        });
        if (extended.isPresent()) {
            return extended.get();
        }
        UUID id = UUID.randomUUID();
        create(List.of(new NewRun(id, project, featureView, trigger, window)));
        return id;
    }

    @Override
    @Transactional
    public ForgottenProject forgetProject(String project) {
        int scheduled = deleteOfProject("DELETE FROM schedule WHERE project = ?", project);
        int watermarks = deleteOfProject("DELETE FROM watermark WHERE project = ?", project);
        int cancelled = deleteOfProject("""
                UPDATE run SET state = 'cancelled', error_code = 'PROJECT_DELETED', error_message = 'the project was deleted',
                    finished_at = now()
                WHERE project = ? AND state IN ('queued', 'running')""", project);
        return new ForgottenProject(scheduled, watermarks, cancelled);
    }

    private int deleteOfProject(String sql, String project) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, project);
            return statement.executeUpdate();
        });
    }

    @Override
    @Transactional
    public void replaceSchedule(String project, Map<String, Duration> intervals) {
        jdbc.prepareStatement("DELETE FROM schedule WHERE project = ?", statement -> {
            statement.setString(1, project);
            return statement.executeUpdate();
        });
        intervals.forEach((view, interval) -> jdbc.prepareStatement(
                "INSERT INTO schedule (project, feature_view, interval_ms) VALUES (?, ?, ?)", statement -> {
                    statement.setString(1, project);
                    statement.setString(2, view);
                    statement.setLong(3, interval.toMillis());
                    return statement.executeUpdate();
                }));
    }

    @Override
    @Transactional
    public List<ScheduledView> dueViews() {
        boolean locked = jdbc.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('featurestore.materialization.schedule'))", statement -> {
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        });
        if (!locked) {
            return List.of();
        }
        return jdbc.prepareStatement("""
                SELECT s.project, s.feature_view FROM schedule s
                LEFT JOIN watermark w ON w.project = s.project AND w.feature_view = s.feature_view
                WHERE (w.end_ts IS NULL OR w.end_ts <= now() - s.interval_ms * INTERVAL '1 millisecond')
                  AND NOT EXISTS (SELECT 1 FROM run r WHERE r.project = s.project AND r.feature_view = s.feature_view
                                  AND r.state IN ('queued', 'running'))
                ORDER BY s.project, s.feature_view""", statement -> {
            List<ScheduledView> due = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    due.add(new ScheduledView(result.getString(1), result.getString(2)));
                }
            }
            return due;
        });
    }

    @Override
    @Transactional
    public Optional<Run> find(UUID id) {
        return jdbc.prepareStatement("SELECT %s FROM run WHERE id = ?".formatted(COLUMNS), statement -> {
            statement.setObject(1, id);
            return readOne(statement);
        });
    }

    @Override
    @Transactional
    public List<Run> list(String project, Optional<String> featureView, int limit) {
        return jdbc.prepareStatement("""
                SELECT %s FROM run WHERE project = ? AND (CAST(? AS text) IS NULL OR feature_view = ?)
                ORDER BY created_at DESC, id LIMIT ?""".formatted(COLUMNS), statement -> {
            statement.setString(1, project);
            statement.setString(2, featureView.orElse(null));
            statement.setString(3, featureView.orElse(null));
            statement.setInt(4, limit);
            List<Run> runs = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    runs.add(read(result));
                }
            }
            return runs;
        });
    }

    @Override
    @Transactional
    public Optional<Run> claim(String owner) {
        List<Candidate> candidates = jdbc.prepareStatement("""
                SELECT id, project, feature_view FROM run
                WHERE state = 'queued' OR (state = 'running' AND heartbeat_at < now() - ? * INTERVAL '1 millisecond')
                ORDER BY created_at, id
                LIMIT ?
                FOR UPDATE SKIP LOCKED""", statement -> {
            statement.setLong(1, leaseMillis);
            statement.setInt(2, CLAIM_CANDIDATES);
            List<Candidate> found = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.add(new Candidate(result.getObject(1, UUID.class), result.getString(2), result.getString(3)));
                }
            }
            return found;
        });
        for (Candidate candidate : candidates) {
            if (takeLease(candidate, owner)) {
                return jdbc.prepareStatement("""
                        UPDATE run SET state = 'running', owner = ?, heartbeat_at = now(), attempt = attempt + 1,
                               started_at = COALESCE(started_at, clock_timestamp()), phase = 'starting', rows_done = 0
                        WHERE id = ?
                        RETURNING %s""".formatted(COLUMNS), statement -> {
                    statement.setString(1, owner);
                    statement.setObject(2, candidate.id());
                    return readOne(statement);
                });
            }
        }
        return Optional.empty();
    }

    /** Takes the view's lease for the run unless another live run holds it (the upsert waits for a concurrent taker). */
    private boolean takeLease(Candidate candidate, String owner) {
        return jdbc.prepareStatement("""
                INSERT INTO view_lease (project, feature_view, run_id, owner, expires_at)
                VALUES (?, ?, ?, ?, now() + ? * INTERVAL '1 millisecond')
                ON CONFLICT (project, feature_view) DO UPDATE
                    SET run_id = EXCLUDED.run_id, owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
                    WHERE view_lease.expires_at < now() OR view_lease.run_id = EXCLUDED.run_id
                RETURNING run_id""", statement -> {
            statement.setString(1, candidate.project());
            statement.setString(2, candidate.featureView());
            statement.setObject(3, candidate.id());
            statement.setString(4, owner);
            statement.setLong(5, leaseMillis);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        });
    }

    @Override
    @Transactional
    public boolean heartbeat(UUID id, String owner, String phase, long rowsDone, long rowsTotal) {
        int updated = jdbc.prepareStatement("""
                UPDATE run SET heartbeat_at = now(), phase = ?, rows_done = ?, rows_total = ?
                WHERE id = ? AND owner = ? AND state = 'running'""", statement -> {
            statement.setString(1, phase);
            statement.setLong(2, rowsDone);
            statement.setLong(3, rowsTotal);
            statement.setObject(4, id);
            statement.setString(5, owner);
            return statement.executeUpdate();
        });
        if (updated == 0) {
            return false;
        }
        return jdbc.prepareStatement("""
                UPDATE view_lease SET expires_at = now() + ? * INTERVAL '1 millisecond' WHERE run_id = ? AND owner = ?""", statement -> {
            statement.setLong(1, leaseMillis);
            statement.setObject(2, id);
            statement.setString(3, owner);
            return statement.executeUpdate();
        }) == 1;
    }

    @Override
    @Transactional
    public void started(UUID id, String owner, Instant start) {
        jdbc.prepareStatement("UPDATE run SET start_ts = ? WHERE id = ? AND owner = ? AND state = 'running'", statement -> {
            statement.setTimestamp(1, micros(start));
            statement.setObject(2, id);
            statement.setString(3, owner);
            return statement.executeUpdate();
        });
    }

    @Override
    @Transactional
    public boolean succeed(UUID id, String owner, Instant start, Run.Result result, CloudEvent<?> event) {
        Optional<ViewOfRun> view = jdbc.prepareStatement("""
                UPDATE run SET state = 'succeeded', start_ts = ?, rows_read = ?, entities_written = ?, entities_unchanged = ?,
                       entities_expired = ?, max_event_ts = ?, statistics = ?::jsonb, skew_check = ?::jsonb, finished_at = clock_timestamp(),
                       heartbeat_at = now(), phase = NULL, rows_done = GREATEST(rows_total, ?), rows_total = GREATEST(rows_total, ?)
                WHERE id = ? AND owner = ? AND state = 'running'
                RETURNING project, feature_view, end_ts""", statement -> {
            statement.setTimestamp(1, micros(start));
            statement.setLong(2, result.rowsRead());
            statement.setLong(3, result.entitiesWritten());
            statement.setLong(4, result.entitiesUnchanged());
            statement.setLong(5, result.entitiesExpired());
            setTimestamp(statement, 6, result.maxEventTimestamp());
            statement.setString(7, write(result.statistics()));
            statement.setString(8, result.skewCheck().map(this::write).orElse(null));
            statement.setLong(9, result.rowsRead());
            statement.setLong(10, result.rowsRead());
            statement.setObject(11, id);
            statement.setString(12, owner);
            return readView(statement);
        });
        if (view.isEmpty()) {
            return false;
        }
        jdbc.prepareStatement("""
                INSERT INTO watermark (project, feature_view, end_ts, run_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (project, feature_view) DO UPDATE SET end_ts = EXCLUDED.end_ts, run_id = EXCLUDED.run_id, updated_at = now()
                    WHERE watermark.end_ts < EXCLUDED.end_ts""", statement -> {
            statement.setString(1, view.get().project());
            statement.setString(2, view.get().featureView());
            statement.setTimestamp(3, micros(view.get().end()));
            statement.setObject(4, id);
            return statement.executeUpdate();
        });
        releaseLease(id);
        outbox.append(event);
        return true;
    }

    @Override
    @Transactional
    public boolean fail(UUID id, String owner, Optional<Instant> start, Run.Failure failure, CloudEvent<?> event) {
        int updated = jdbc.prepareStatement("""
                UPDATE run SET state = 'failed', start_ts = COALESCE(?, start_ts), error_code = ?, error_message = ?, rows_read = ?,
                       finished_at = clock_timestamp(), heartbeat_at = now(), phase = NULL
                WHERE id = ? AND owner = ? AND state = 'running'""", statement -> {
            setTimestamp(statement, 1, start);
            statement.setString(2, failure.code());
            statement.setString(3, failure.message());
            statement.setLong(4, failure.rowsRead());
            statement.setObject(5, id);
            statement.setString(6, owner);
            return statement.executeUpdate();
        });
        if (updated == 0) {
            return false;
        }
        releaseLease(id);
        outbox.append(event);
        return true;
    }

    @Override
    @Transactional
    public void release(UUID id, String owner) {
        int updated = jdbc.prepareStatement("""
                UPDATE run SET state = 'queued', owner = NULL, phase = NULL, rows_done = 0 WHERE id = ? AND owner = ? AND state = 'running'""",
                statement -> {
                    statement.setObject(1, id);
                    statement.setString(2, owner);
                    return statement.executeUpdate();
                });
        if (updated == 1) {
            releaseLease(id);
        }
    }

    @Override
    @Transactional
    public Optional<Instant> watermark(String project, String featureView) {
        return jdbc.prepareStatement("SELECT end_ts FROM watermark WHERE project = ? AND feature_view = ?", statement -> {
            statement.setString(1, project);
            statement.setString(2, featureView);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getTimestamp(1).toInstant()) : Optional.empty();
            }
        });
    }

    @Override
    @Transactional
    public int deleteFinishedBefore(Instant cutoff) {
        return jdbc.prepareStatement("DELETE FROM run WHERE finished_at < ?", statement -> {
            statement.setTimestamp(1, micros(cutoff));
            return statement.executeUpdate();
        });
    }

    private void releaseLease(UUID id) {
        jdbc.prepareStatement("DELETE FROM view_lease WHERE run_id = ?", statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate();
        });
    }

    private Optional<ViewOfRun> readView(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            return result.next()
                    ? Optional.of(new ViewOfRun(result.getString(1), result.getString(2), result.getTimestamp(3).toInstant()))
                    : Optional.empty();
        }
    }

    private Optional<Run> readOne(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            return result.next() ? Optional.of(read(result)) : Optional.empty();
        }
    }

    private Run read(ResultSet result) throws SQLException {
        RunState state = RunState.fromWireName(result.getString("state"));
        Optional<Run.Result> outcome = Optional.empty();
        if (state == RunState.SUCCEEDED) {
            String statistics = result.getString("statistics");
            String skew = result.getString("skew_check");
            outcome = Optional.of(new Run.Result(result.getLong("rows_read"), result.getLong("entities_written"), result.getLong("entities_unchanged"),
                    result.getLong("entities_expired"), instant(result, "max_event_ts"),
                    statistics == null ? Map.of() : read(statistics, Argument.mapOf(String.class, FeatureStatistics.class)),
                    skew == null ? Optional.empty() : Optional.of(read(skew, Argument.of(SkewCheck.class)))));
        }
        String errorCode = result.getString("error_code");
        Optional<Run.Failure> failure = errorCode == null ? Optional.empty()
                : Optional.of(new Run.Failure(errorCode, result.getString("error_message"), result.getLong("rows_read")));
        Optional<Instant> requestedStart = instant(result, "requested_start");
        Optional<Instant> startNoLaterThan = instant(result, "start_no_later_than");
        Instant end = result.getTimestamp("end_ts").toInstant();
        return new Run(
                result.getObject("id", UUID.class),
                result.getString("project"),
                result.getString("feature_view"),
                Trigger.fromWireName(result.getString("trigger")),
                state,
                requestedStart.map(start -> RunWindow.full(start, end)).orElseGet(() -> RunWindow.incremental(end, startNoLaterThan)),
                instant(result, "start_ts"),
                Optional.ofNullable(result.getString("phase")),
                result.getLong("rows_done"),
                result.getLong("rows_total"),
                outcome,
                failure,
                result.getInt("attempt"),
                Optional.ofNullable(result.getString("owner")),
                result.getTimestamp("created_at").toInstant(),
                instant(result, "started_at"),
                instant(result, "finished_at"));
    }

    private static Optional<Instant> instant(ResultSet result, String column) throws SQLException {
        return Optional.ofNullable(result.getTimestamp(column)).map(Timestamp::toInstant);
    }

    /**
     * A window bound as PostgreSQL keeps it, floored to the microsecond: Parquet holds event timestamps in microseconds,
     * and PostgreSQL would round a finer instant (a {@code data.landed}'s {@code min_event_timestamp}, a clock's now) to
     * the nearest one, up as well as down, so a window could start after the rows it was meant to include.
     */
    private static Timestamp micros(Instant instant) {
        return Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
    }

    private static void setTimestamp(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            statement.setTimestamp(index, micros(value.get()));
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run JSON", e);
        }
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run JSON", e);
        }
    }

    private record Candidate(UUID id, String project, String featureView) {
    }

    private record ViewOfRun(String project, String featureView, Instant end) {
    }
}
