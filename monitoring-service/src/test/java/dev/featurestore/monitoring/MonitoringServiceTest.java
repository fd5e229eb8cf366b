package dev.featurestore.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.RegistryObjectChanged;
import dev.featurestore.contracts.events.Topics;
import dev.featurestore.runtime.testing.AbstractServiceSmokeTest;
import dev.featurestore.runtime.testing.PrometheusText;
import dev.featurestore.testkit.TestStack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@MicronautTest
class MonitoringServiceTest extends AbstractServiceSmokeTest {
    private static final String METRIC = "featurestore_events_consumed_total";
    private static final String TYPE = "type=\"registry.object.changed\"";

    MonitoringServiceTest() {
        super("monitoring", "postgresql", "kafka");
    }

    @Test
    void handlesARedeliveredRegistryChangeOnce() throws Exception {
        double duplicatesBefore = consumed("outcome=\"duplicate\"");
        CloudEvent<RegistryObjectChanged> event = registryChange("twice_delivered");

        publish(event.subject(), CloudEvents.toJson(event));
        publish(event.subject(), CloudEvents.toJson(event));

        await().atMost(Duration.ofSeconds(30)).until(() -> consumed("outcome=\"duplicate\"") >= duplicatesBefore + 1);
        assertThat(processedRows(event.id())).isEqualTo(1);
        assertThat(consumed("outcome=\"duplicate\"")).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void skipsAnUnreadableRecordWithoutBlockingThePartition() throws Exception {
        double rejectedBefore = PrometheusText.sample(http.get("/prometheus").body(), METRIC, "outcome=\"rejected\"");
        CloudEvent<RegistryObjectChanged> after = registryChange("after_garbage");

        publish(after.subject(), "{not json");
        publish(after.subject(), CloudEvents.toJson(after));

        await().atMost(Duration.ofSeconds(30)).until(() -> processedRows(after.id()) == 1);
        assertThat(PrometheusText.sample(http.get("/prometheus").body(), METRIC, "outcome=\"rejected\""))
                .isEqualTo(rejectedBefore + 1);
    }

    private static CloudEvent<RegistryObjectChanged> registryChange(String project) {
        return CloudEvents.create(EventTypes.REGISTRY_OBJECT_CHANGED, "/test", new RegistryObjectChanged(
                project, ObjectKind.PROJECT, project, ChangeAction.CREATED, 1, 1, List.of()));
    }

    private double consumed(String outcome) {
        return PrometheusText.sample(http.get("/prometheus").body(), METRIC, TYPE, outcome);
    }

    private static void publish(String key, String value) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.shared().kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.REGISTRY_CHANGES, key, value)).get();
        }
    }

    private static int processedRows(String eventId) throws SQLException {
        TestStack stack = TestStack.shared();
        try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password());
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM monitoring.processed_event WHERE id = ?")) {
            statement.setString(1, eventId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
