package dev.featurestore.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventType;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.monitoring.domain.EventPublisher;
import dev.featurestore.runtime.testing.CloudEventRecords;
import dev.featurestore.runtime.testing.EventSchemas;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.ServiceTestProperties;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.TestStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One monitoring-service on the test stack (its own application context, so a test can stop it and start another on
 * the same database, as a restart does), with the registry held in memory and the test clock.
 */
public final class MonitoringInstance implements AutoCloseable {
    private final EmbeddedServer server;
    private final RawHttp http;

    private MonitoringInstance(EmbeddedServer server) {
        this.server = server;
        this.http = new RawHttp(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    /** Starts an instance that checks freshness every 200 ms, with these extra properties. */
    public static MonitoringInstance start(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "featurestore.monitoring.freshness-check-interval", "200ms",
                "featurestore.outbox.poll-interval", "100ms"));
        properties.putAll(extra);
        return new MonitoringInstance(ApplicationContext.run(EmbeddedServer.class, Map.copyOf(ServiceTestProperties.withStack(properties)), "test"));
    }

    public RawHttp http() {
        return http;
    }

    public ApplicationContext applicationContext() {
        return server.getApplicationContext();
    }

    public TestingRegistryClient registry() {
        return server.getApplicationContext().getBean(TestingRegistryClient.class);
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }

    /** Publishes an event, stamped with the test clock, on its topic, as its producer would, and returns it. */
    public static <T> CloudEvent<T> publish(EventType<T> type, T data) {
        CloudEvent<T> event = CloudEvents.create(type, "/test", data, TestClock.shared());
        publish(event);
        return event;
    }

    /** Publishes an event as it is (again, for a redelivery). */
    public static void publish(CloudEvent<?> event) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.shared().kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(EventTypes.byType(event.type()).orElseThrow().topic(), event.subject(), CloudEvents.toJson(event)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + event.type(), e);
        }
    }

    /**
     * Checks that the CloudEvents SDK's Kafka deserializer reads every event of a type about {@code project/view} on its
     * topic as the suite does (docs/events.md), and that there is at least one.
     */
    public static void assertReadableByCloudEventsSdk(EventType<?> type, String project, String view) {
        String bootstrapServers = TestStack.shared().kafka().bootstrapServers();
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(bootstrapServers, type.topic()).stream()
                .filter(record -> (project + "/" + view).equals(record.key()))
                .filter(record -> CloudEvents.fromJson(record.value()).type().equals(type.type()))
                .toList();
        assertThat(records).as("%s events of %s/%s", type, project, view).isNotEmpty();
        records.forEach(record -> CloudEventRecords.assertReadableByCloudEventsSdk(bootstrapServers, record, type, EventPublisher.SOURCE));
    }

    /**
     * Every event of a type on its topic about {@code project/view} (its subject), in topic order, each checked against
     * its JSON Schema.
     */
    public static <T> List<CloudEvent<T>> events(EventType<T> type, String project, String view) {
        return TopicReader.readAll(TestStack.shared().kafka().bootstrapServers(), type.topic()).stream()
                .filter(record -> (project + "/" + view).equals(record.key()))
                .filter(record -> CloudEvents.fromJson(record.value()).type().equals(type.type()))
                .peek(record -> EventSchemas.assertValid(type, record.value()))
                .map(record -> CloudEvents.fromJson(record.value(), type))
                .toList();
    }
}
