package dev.featurestore.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurestore.examples.DemoData;
import dev.featurestore.runtime.testing.TopicReader;
import dev.featurestore.testkit.KafkaServer;
import dev.featurestore.testkit.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The demo stream against a Kafka broker of its own, which one test stops and starts again. */
class DemoStreamIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaServer kafka = TestStack.shared().dedicatedKafka();
    private final String topic = "demo.driver-status-" + UUID.randomUUID().toString().substring(0, 8);
    private final Logger logger = (Logger) LoggerFactory.getLogger(DemoStream.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void closeKafka() {
        logger.detachAppender(logged);
        kafka.close();
    }

    @Test
    void sendsStatusEventsOfTheWatchedDriverAndOthersAsStreamIngestionReadsThem() throws Exception {
        Instant started = Instant.now();
        try (DemoStream stream = DemoStream.start(kafka.bootstrapServers(), topic, Duration.ofMillis(200))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.readAll(kafka.bootstrapServers(), topic).size() >= 15);
        }

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(kafka.bootstrapServers(), topic);
        for (ConsumerRecord<String, String> record : records) {
            JsonNode status = JSON.readTree(record.value());
            assertThat(record.key()).isEqualTo(status.path("driver_id").asText());
            assertThat(status.path("driver_id").asLong()).isBetween(DemoData.FIRST_DRIVER_ID, DemoData.FIRST_DRIVER_ID + 299);
            assertThat(Instant.parse(status.path("event_timestamp").asText())).isAfterOrEqualTo(started.minusMillis(1));
            assertThat(status.path("on_shift").isBoolean()).isTrue();
            assertThat(status.path("zone").asInt()).isBetween(1, 8);
            assertThat(status.path("idle_minutes").isNumber()).isTrue();
            assertThat(status.path("idle_minutes").asDouble()).isNotNegative();
        }
        // Each round: the watched driver and four others, all with the same event timestamp.
        Map<String, List<Long>> rounds = records.stream().map(record -> readTree(record.value())).collect(Collectors.groupingBy(
                status -> status.path("event_timestamp").asText(), Collectors.mapping(status -> status.path("driver_id").asLong(), Collectors.toList())));
        assertThat(rounds.values()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(drivers ->
                assertThat(drivers).hasSize(5).doesNotHaveDuplicates().contains(DemoStream.WATCHED_DRIVER));
    }

    @Test
    void anOutageIsLoggedOnceAndTheStreamGoesOnWhenKafkaIsBack() {
        try (DemoStream stream = DemoStream.start(kafka.bootstrapServers(), topic, Duration.ofMillis(100))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !TopicReader.readAll(kafka.bootstrapServers(), topic).isEmpty());

            kafka.stop();
            await().atMost(Duration.ofSeconds(90)).until(() -> stream.failedRounds() >= 3);

            assertThat(logged(Level.WARN)).hasSize(1).allSatisfy(message -> assertThat(message).contains(topic).contains("cannot send"));

            kafka.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> logged(Level.INFO).stream().anyMatch(message -> message.contains("sending to " + topic + " again")));
            long failed = stream.failedRounds();
            int sent = TopicReader.readAll(kafka.bootstrapServers(), topic).size();
            await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.readAll(kafka.bootstrapServers(), topic).size() > sent);

            assertThat(stream.failedRounds()).isEqualTo(failed);
            assertThat(logged(Level.WARN)).hasSize(1);
        }
    }

    private List<String> logged(Level level) {
        List<ILoggingEvent> events;
        // The appender adds under its own lock (AppenderBase.doAppend is synchronized).
        synchronized (logged) {
            events = List.copyOf(logged.list);
        }
        return events.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
