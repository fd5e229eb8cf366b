package dev.featurestore.historical.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.historical.domain.job.Job;
import dev.featurestore.historical.domain.job.JobRequest;
import dev.featurestore.historical.domain.job.JobState;
import dev.featurestore.historical.domain.job.Jobs;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link Jobs} in table {@code job} of schema {@code historical}. */
@Singleton
class JdbcJobs implements Jobs {
    private static final String COLUMNS = """
            id, project, state, request::text AS request, output_uri, output_files::text AS output_files,
            output_schema::text AS output_schema, phase, rows_done, rows_total, entity_rows, source_rows_read, rows_written,
            spilled, error_code, error_message, attempt, cancel_requested, created_at, started_at, finished_at""";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcJobs(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    @Transactional
    public void create(UUID id, JobRequest request, JobState state, Optional<String> owner) {
        jdbc.prepareStatement("""
                INSERT INTO job (id, project, state, request, output_uri, owner, attempt, heartbeat_at, started_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, CASE WHEN ? THEN now() END, CASE WHEN ? THEN now() END)
                """, statement -> {
            boolean running = state == JobState.RUNNING;
            statement.setObject(1, id);
            statement.setString(2, request.project());
            statement.setString(3, state.wireName());
            statement.setString(4, write(StoredRequest.of(request)));
            statement.setString(5, request.outputUri().orElse(null));
            statement.setString(6, owner.orElse(null));
            statement.setInt(7, running ? 1 : 0);
            statement.setBoolean(8, running);
            statement.setBoolean(9, running);
            return statement.executeUpdate();
        });
    }

    @Override
    @Transactional
    public Optional<Job> find(UUID id) {
        return jdbc.prepareStatement("SELECT %s FROM job WHERE id = ?".formatted(COLUMNS), statement -> {
            statement.setObject(1, id);
            return readOne(statement);
        });
    }

    @Override
    @Transactional
    public Optional<Job> claim(String owner, Duration leaseTimeout) {
        return jdbc.prepareStatement("""
                UPDATE job SET state = 'running', owner = ?, heartbeat_at = now(), attempt = attempt + 1,
                       started_at = COALESCE(started_at, now()), phase = 'starting', rows_done = 0
                WHERE id = (
                    SELECT id FROM job
                    WHERE NOT cancel_requested
                      AND (state = 'queued' OR (state = 'running' AND heartbeat_at < now() - ? * INTERVAL '1 millisecond'))
                    ORDER BY created_at
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING %s
                """.formatted(COLUMNS), statement -> {
            statement.setString(1, owner);
            statement.setLong(2, leaseTimeout.toMillis());
            return readOne(statement);
        });
    }

    @Override
    @Transactional
    public Optional<Boolean> heartbeat(UUID id, String owner, String phase, long rowsDone, long rowsTotal) {
        return jdbc.prepareStatement("""
                UPDATE job SET heartbeat_at = now(), phase = ?, rows_done = ?, rows_total = ?
                WHERE id = ? AND owner = ? AND state = 'running'
                RETURNING cancel_requested
                """, statement -> {
            statement.setString(1, phase);
            statement.setLong(2, rowsDone);
            statement.setLong(3, rowsTotal);
            statement.setObject(4, id);
            statement.setString(5, owner);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getBoolean(1)) : Optional.empty();
            }
        });
    }

    @Override
    @Transactional
    public boolean finish(UUID id, String owner, JobState state, List<String> outputFiles, List<Job.OutputField> outputSchema,
            Optional<Job.Counts> counts, Optional<Job.Failure> error) {
        return jdbc.prepareStatement("""
                UPDATE job SET state = ?, output_files = ?::jsonb, output_schema = ?::jsonb, entity_rows = ?, source_rows_read = ?,
                       rows_written = ?, spilled = ?, error_code = ?, error_message = ?, finished_at = now(), heartbeat_at = now(),
                       phase = NULL, rows_done = CASE WHEN ? THEN rows_total ELSE rows_done END
                WHERE id = ? AND owner = ? AND state = 'running'
                """, statement -> {
            statement.setString(1, state.wireName());
            statement.setString(2, write(outputFiles));
            statement.setString(3, write(outputSchema.stream().map(field -> new StoredField(field.name(), field.dtype())).toList()));
            setLong(statement, 4, counts.map(Job.Counts::entityRows));
            setLong(statement, 5, counts.map(Job.Counts::sourceRowsRead));
            setLong(statement, 6, counts.map(Job.Counts::rowsWritten));
            if (counts.isPresent()) {
                // The column is from the hand-written join; the engine does not report its own spilling per job.
                statement.setBoolean(7, false);
            } else {
                statement.setNull(7, Types.BOOLEAN);
            }
            statement.setString(8, error.map(Job.Failure::code).orElse(null));
            statement.setString(9, error.map(Job.Failure::message).orElse(null));
            statement.setBoolean(10, state == JobState.SUCCEEDED);
            statement.setObject(11, id);
            statement.setString(12, owner);
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    @Transactional
    public Optional<Job> requestCancel(UUID id) {
        jdbc.prepareStatement("""
                UPDATE job SET cancel_requested = TRUE,
                       state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
                       finished_at = CASE WHEN state = 'queued' THEN now() ELSE finished_at END
                WHERE id = ? AND state IN ('queued', 'running')
                """, statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate();
        });
        return find(id);
    }

    @Override
    @Transactional
    public int cancelAbandoned(Duration leaseTimeout) {
        return jdbc.prepareStatement("""
                UPDATE job SET state = 'cancelled', finished_at = now(), phase = NULL
                WHERE state = 'running' AND cancel_requested AND heartbeat_at < now() - ? * INTERVAL '1 millisecond'
                """, statement -> {
            statement.setLong(1, leaseTimeout.toMillis());
            return statement.executeUpdate();
        });
    }

    @Override
    @Transactional
    public int deleteFinishedBefore(Instant cutoff) {
        return jdbc.prepareStatement("DELETE FROM job WHERE finished_at < ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            return statement.executeUpdate();
        });
    }

    private Optional<Job> readOne(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            return result.next() ? Optional.of(read(result)) : Optional.empty();
        }
    }

    private Job read(ResultSet result) throws SQLException {
        StoredRequest request = read(result.getString("request"), Argument.of(StoredRequest.class));
        List<String> files = read(result.getString("output_files"), Argument.listOf(String.class));
        List<StoredField> schema = read(result.getString("output_schema"), Argument.listOf(StoredField.class));
        long entityRows = result.getLong("entity_rows");
        Optional<Job.Counts> counts = result.wasNull() ? Optional.empty() : Optional.of(new Job.Counts(
                entityRows, result.getLong("source_rows_read"), result.getLong("rows_written")));
        String errorCode = result.getString("error_code");
        return new Job(
                result.getObject("id", UUID.class),
                result.getString("project"),
                JobState.fromWireName(result.getString("state")),
                request.toRequest(),
                Optional.ofNullable(result.getString("output_uri")),
                files,
                schema.stream().map(field -> new Job.OutputField(field.name(), field.dtype())).toList(),
                Optional.ofNullable(result.getString("phase")),
                result.getLong("rows_done"),
                result.getLong("rows_total"),
                counts,
                errorCode == null ? Optional.empty() : Optional.of(new Job.Failure(errorCode, result.getString("error_message"))),
                result.getInt("attempt"),
                result.getBoolean("cancel_requested"),
                result.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(result.getTimestamp("started_at")).map(Timestamp::toInstant),
                Optional.ofNullable(result.getTimestamp("finished_at")).map(Timestamp::toInstant));
    }

    private static void setLong(PreparedStatement statement, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write job JSON", e);
        }
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read job JSON", e);
        }
    }
}
