package dev.featurestore.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.events.OutboxRelay;
import dev.featurestore.testkit.TestStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** service-runtime's outbox clean-up, on this service's outbox: published events past the retention go, others stay. */
class OutboxRetentionIT {
    @Test
    void eventsPublishedLongerAgoThanTheRetentionAreDeletedAndNoOthers() throws SQLException {
        try (MonitoringInstance instance = MonitoringInstance.start(Map.of("featurestore.outbox.retention", "1m"))) {
            UUID old = insert("now() - interval '2 hours'");
            UUID recent = insert("now() - interval '10 seconds'");

            int deleted = instance.applicationContext().getBean(OutboxRelay.class).deletePublished();

            assertThat(deleted).isPositive();
            assertThat(exists(old)).isFalse();
            assertThat(exists(recent)).isTrue();
        }
    }

    private static UUID insert(String publishedAt) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = connection();
                PreparedStatement statement = connection.prepareStatement("INSERT INTO monitoring.outbox (event_id, topic, event_key, payload, published_at) "
                        + "VALUES (?, 'featurestore.freshness', 'p/v', '{}'::jsonb, " + publishedAt + ")")) {
            statement.setObject(1, id);
            statement.executeUpdate();
        }
        return id;
    }

    private static boolean exists(UUID id) throws SQLException {
        try (Connection connection = connection();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM monitoring.outbox WHERE event_id = ?")) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    private static Connection connection() throws SQLException {
        TestStack stack = TestStack.shared();
        return DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password());
    }
}
