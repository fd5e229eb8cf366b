package dev.featurestore.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.events.Topics;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.ServiceTestProperties;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.KafkaServer;
import dev.featurestore.testkit.TestStack;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With Kafka down, a change still commits (its event waits in the outbox), and the event is published
 * once Kafka is back. Runs against a Kafka broker of its own, which the test stops and restarts.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageTest implements TestPropertyProvider {
    private final KafkaServer kafka = TestStack.shared().dedicatedKafka();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper jsonMapper;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.withStack(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers()));
    }

    @AfterAll
    void closeKafka() {
        kafka.close();
    }

    @Test
    void applyCommitsWhileKafkaIsDownAndItsEventsArePublishedWhenKafkaReturns() {
        RawHttp http = new RawHttp(server.getURI(), jsonMapper);
        kafka.stop();

        RawHttp.Answer applied = http.send("POST", "/v1/projects/during_outage/apply", "application/json", """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}]}
                """);

        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(http.get("/v1/projects/during_outage/entities/driver").status()).isEqualTo(200);

        kafka.start();

        assertThat(TopicReader.awaitRecord(kafka.bootstrapServers(), Topics.REGISTRY_CHANGES,
                record -> "during_outage/entity/driver".equals(record.key()), Duration.ofSeconds(90)).value())
                .contains("\"created\"");
        TopicReader.awaitRecord(kafka.bootstrapServers(), Topics.REGISTRY_CHANGES,
                record -> "during_outage/project/during_outage".equals(record.key()), Duration.ofSeconds(30));
    }
}
