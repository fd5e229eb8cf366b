package dev.featurestore.monitoring.store.jdbc;

import static dev.featurestore.monitoring.store.jdbc.JdbcValues.instant;
import static java.util.Objects.requireNonNull;

import dev.featurestore.monitoring.domain.webhook.Delivery;
import dev.featurestore.monitoring.domain.webhook.Webhook;
import dev.featurestore.monitoring.domain.webhook.WebhookStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link WebhookStore} in tables {@code webhook} and {@code webhook_delivery} of schema {@code monitoring}. */
@Singleton
class JdbcWebhookStore implements WebhookStore {
    private static final String WEBHOOK_COLUMNS = "id, project, url, event_types, secret, description, created_at";
    private static final String DELIVERY_COLUMNS = """
            id, webhook_id, event_id, event_type, state, attempts, next_attempt_at, last_attempt_at, last_status, last_error, created_at, delivered_at""";

    private final JdbcOperations jdbc;

    JdbcWebhookStore(JdbcOperations jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Override
    @Transactional
    public boolean create(Webhook webhook) {
        return jdbc.prepareStatement("""
                INSERT INTO webhook (id, project, url, event_types, secret, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project, url) DO NOTHING
                """, statement -> {
            statement.setObject(1, webhook.id());
            statement.setString(2, webhook.project());
            statement.setString(3, webhook.url());
            statement.setArray(4, statement.getConnection().createArrayOf("text", webhook.eventTypes().toArray()));
            statement.setString(5, webhook.secret());
            statement.setString(6, webhook.description());
            statement.setTimestamp(7, Timestamp.from(webhook.createdAt()));
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public List<Webhook> list(Optional<String> project) {
        String sql = "SELECT " + WEBHOOK_COLUMNS + " FROM webhook" + (project.isPresent() ? " WHERE project = ?" : "") + " ORDER BY project, created_at, id";
        return jdbc.prepareStatement(sql, statement -> {
            if (project.isPresent()) {
                statement.setString(1, project.get());
            }
            List<Webhook> webhooks = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    webhooks.add(webhook(rows));
                }
            }
            return webhooks;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Webhook> find(UUID id) {
        return jdbc.prepareStatement("SELECT " + WEBHOOK_COLUMNS + " FROM webhook WHERE id = ?", statement -> {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(webhook(rows)) : Optional.empty();
            }
        });
    }

    @Override
    @Transactional
    public boolean delete(UUID id) {
        return jdbc.prepareStatement("DELETE FROM webhook WHERE id = ?", statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    @Transactional
    public int deleteProject(String project, Instant deletedAt) {
        return jdbc.prepareStatement("DELETE FROM webhook WHERE project = ? AND created_at <= ?", statement -> {
            statement.setString(1, project);
            statement.setTimestamp(2, Timestamp.from(deletedAt));
            return statement.executeUpdate();
        });
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int enqueue(String project, UUID eventId, String eventType, String payload) {
        return jdbc.prepareStatement("""
                INSERT INTO webhook_delivery (webhook_id, event_id, event_type, payload, state, next_attempt_at)
                SELECT id, ?, ?, ?, 'pending', now() FROM webhook WHERE project = ? AND ? = ANY (event_types)
                ON CONFLICT (webhook_id, event_id) DO NOTHING
                """, statement -> {
            statement.setObject(1, eventId);
            statement.setString(2, eventType);
            statement.setString(3, payload);
            statement.setString(4, project);
            statement.setString(5, eventType);
            return statement.executeUpdate();
        });
    }

    @Override
    @Transactional
    public List<Delivery.Attempt> claimDue(Duration lease, int limit) {
        return jdbc.prepareStatement("""
                UPDATE webhook_delivery d SET attempts = d.attempts + 1, last_attempt_at = clock_timestamp(),
                    next_attempt_at = clock_timestamp() + ? * interval '1 millisecond'
                FROM webhook w
                WHERE d.webhook_id = w.id AND d.id IN (
                    SELECT id FROM webhook_delivery WHERE state = 'pending' AND next_attempt_at <= clock_timestamp()
                    ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.webhook_id, w.url, w.secret, d.event_id, d.event_type, d.payload, d.attempts
                """, statement -> {
            statement.setLong(1, lease.toMillis());
            statement.setInt(2, limit);
            List<Delivery.Attempt> attempts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    attempts.add(new Delivery.Attempt(rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3), rows.getString(4),
                            rows.getObject(5, UUID.class), rows.getString(6), rows.getString(7), rows.getInt(8)));
                }
            }
            return attempts;
        });
    }

    @Override
    @Transactional
    public void delivered(long id, int status) {
        jdbc.prepareStatement("""
                UPDATE webhook_delivery SET state = 'delivered', last_status = ?, last_error = NULL, delivered_at = clock_timestamp(), next_attempt_at = clock_timestamp()
                WHERE id = ?
                """, statement -> {
            statement.setInt(1, status);
            statement.setLong(2, id);
            return statement.executeUpdate();
        });
    }

    @Override
    @Transactional
    public void attemptFailed(long id, @Nullable Integer status, String error, @Nullable Duration retryIn) {
        jdbc.prepareStatement("""
                UPDATE webhook_delivery SET state = ?, last_status = ?, last_error = ?,
                    next_attempt_at = clock_timestamp() + ? * interval '1 millisecond'
                WHERE id = ?
                """, statement -> {
            statement.setString(1, retryIn == null ? "failed" : "pending");
            if (status == null) {
                statement.setNull(2, Types.INTEGER);
            } else {
                statement.setInt(2, status);
            }
            statement.setString(3, error);
            statement.setLong(4, retryIn == null ? 0 : retryIn.toMillis());
            statement.setLong(5, id);
            return statement.executeUpdate();
        });
    }

    @Override
    @Transactional
    public int deleteFinishedBefore(Duration retention) {
        return jdbc.prepareStatement("""
                DELETE FROM webhook_delivery WHERE state <> 'pending' AND coalesce(delivered_at, last_attempt_at, created_at) < now() - ? * interval '1 millisecond'
                """, statement -> {
            statement.setLong(1, retention.toMillis());
            return statement.executeUpdate();
        });
    }

    @Override
    @Transactional(readOnly = true)
    public List<Delivery> deliveries(UUID webhookId, int limit) {
        return jdbc.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery WHERE webhook_id = ? ORDER BY id DESC LIMIT ?", statement -> {
            statement.setObject(1, webhookId);
            statement.setInt(2, limit);
            List<Delivery> deliveries = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Delivery.State state = Delivery.State.fromWireName(rows.getString("state"));
                    int lastStatus = rows.getInt("last_status");
                    Integer status = rows.wasNull() ? null : lastStatus;
                    deliveries.add(new Delivery(rows.getLong("id"), rows.getObject("webhook_id", UUID.class), rows.getObject("event_id", UUID.class),
                            rows.getString("event_type"), state, rows.getInt("attempts"),
                            state == Delivery.State.PENDING ? instant(rows, "next_attempt_at") : null, instant(rows, "last_attempt_at"), status,
                            rows.getString("last_error"), instant(rows, "created_at"), instant(rows, "delivered_at")));
                }
            }
            return deliveries;
        });
    }

    private static Webhook webhook(ResultSet rows) throws SQLException {
        Array types = rows.getArray("event_types");
        return new Webhook(rows.getObject("id", UUID.class), rows.getString("project"), rows.getString("url"),
                Arrays.asList((String[]) types.getArray()), rows.getString("secret"), rows.getString("description"), instant(rows, "created_at"));
    }
}
