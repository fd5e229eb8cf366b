package dev.featurestore.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.DataLanded;
import dev.featurestore.contracts.events.EventDeadLettered;
import dev.featurestore.contracts.events.EventTypes;
import dev.featurestore.contracts.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class IdempotentEventConsumerTest {
    private static final String GROUP = "test-group";

    private final TestingCloudEventSender sender = new TestingCloudEventSender();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T12:00:00Z"));
    private final IdempotentEventConsumer consumer = new IdempotentEventConsumer(new InMemoryProcessedEvents(), OpenTelemetry.noop(), meters,
            new DeadLetters(sender, meters, "test-service", now::get), new EventConsumptionProperties(3, Duration.ofMillis(1), Duration.ofMinutes(5)));

    @Test
    void handlesAGoodEventOnceAndSkipsItsRedelivery() {
        AtomicInteger runs = new AtomicInteger();
        ConsumerRecord<String, String> record = record(7, event("project_a"));

        assertThat(consumer.consume(GROUP, record, event -> runs.incrementAndGet())).isTrue();
        assertThat(consumer.consume(GROUP, record, event -> runs.incrementAndGet())).isFalse();

        assertThat(runs).hasValue(1);
        assertThat(sender.sent).isEmpty();
    }

    @Test
    void deadLettersAnEventWhoseHandlerKeepsFailingAfterTheConfiguredAttemptsAndMovesOn() {
        AtomicInteger runs = new AtomicInteger();
        CloudEvent<DataLanded> poison = event("project_a");

        boolean handled = consumer.consume(GROUP, record(42, poison), event -> {
            runs.incrementAndGet();
            throw new ArithmeticException("long overflow");
        });

        assertThat(handled).isFalse();
        assertThat(runs).hasValue(3);
        assertThat(sender.sent).hasSize(1);
        assertThat(sender.topics).containsExactly(Topics.EVENTS_DLQ);
        EventDeadLettered data = (EventDeadLettered) CloudEvents.fromJson(sender.sent.get(0)).data();
        assertThat(data).isEqualTo(new EventDeadLettered("project_a", GROUP, Topics.DATA_LANDED, 0, 42, "project_a/src", CloudEvents.toJson(poison),
                poison.id(), "data.landed", "java.lang.ArithmeticException", "long overflow", 3, false));
        assertThat(meters.counter("featurestore.events.dead_lettered", "group", GROUP, "topic", Topics.DATA_LANDED).count()).isEqualTo(1.0);
    }

    @Test
    void handlesAnEventThatSucceedsOnARetryWithoutDeadLetteringIt() {
        AtomicInteger runs = new AtomicInteger();

        boolean handled = consumer.consume(GROUP, record(1, event("project_a")), event -> {
            if (runs.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
        });

        assertThat(handled).isTrue();
        assertThat(sender.sent).isEmpty();
    }

    @Test
    void deadLettersAnUnreadableRecordAtOnce() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.REGISTRY_CHANGES, 2, 9, "project_b/feature_view/v", "{not json");

        assertThat(consumer.consume(GROUP, record, event -> {
            throw new AssertionError("must not run");
        })).isFalse();

        EventDeadLettered data = (EventDeadLettered) CloudEvents.fromJson(sender.sent.get(0)).data();
        assertThat(data.project()).isEqualTo("project_b");
        assertThat(data.record()).isEqualTo("{not json");
        assertThat(data.eventId()).isNull();
        assertThat(data.partition()).isEqualTo(2);
        assertThat(data.offset()).isEqualTo(9);
    }

    @Test
    void rethrowsAnInfrastructureFailureForTheListenerToRetryUntilTheTransientTimeoutThenDeadLettersIt() {
        ConsumerRecord<String, String> record = record(5, event("project_a"));
        AtomicInteger runs = new AtomicInteger();
        RuntimeException databaseDown = new IllegalStateException("could not open a transaction",
                new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms"));

        assertThatThrownBy(() -> consumer.consume(GROUP, record, event -> {
            runs.incrementAndGet();
            throw databaseDown;
        })).isSameAs(databaseDown);
        assertThat(runs).as("an infrastructure failure is not retried in place").hasValue(1);
        now.set(now.get().plus(Duration.ofMinutes(4)));
        assertThatThrownBy(() -> consumer.consume(GROUP, record, event -> {
            throw databaseDown;
        })).isSameAs(databaseDown);
        assertThat(sender.sent).isEmpty();

        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(consumer.consume(GROUP, record, event -> {
            throw databaseDown;
        })).isFalse();

        EventDeadLettered data = (EventDeadLettered) CloudEvents.fromJson(sender.sent.get(0)).data();
        assertThat(data.infrastructure()).isTrue();
        assertThat(data.attempts()).isEqualTo(3);
        assertThat(data.exception()).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void keepsARecordThatCouldNotBeDeadLetteredForTheListenerToRetry() {
        sender.failing = true;

        assertThatThrownBy(() -> consumer.consume(GROUP, record(3, event("project_a")), event -> {
            throw new ArithmeticException("long overflow");
        })).hasMessageContaining("broker down");
    }

    private static CloudEvent<DataLanded> event(String project) {
        return CloudEvents.create(EventTypes.DATA_LANDED, "/test", new DataLanded(project, "src", List.of("s3://bucket/key.parquet")));
    }

    private static ConsumerRecord<String, String> record(long offset, CloudEvent<?> event) {
        return new ConsumerRecord<>(Topics.DATA_LANDED, 0, offset, event.subject(), CloudEvents.toJson(event));
    }

    private static final class TestingCloudEventSender implements CloudEventSender {
        final List<String> sent = new ArrayList<>();
        final List<String> topics = new ArrayList<>();
        boolean failing;

        @Override
        public void send(String topic, String key, String eventJson) {
            if (failing) {
                throw new IllegalStateException("broker down");
            }
            topics.add(topic);
            sent.add(eventJson);
        }
    }

    private static final class InMemoryProcessedEvents implements ProcessedEvents {
        private final Set<String> handled = new HashSet<>();

        @Override
        public boolean handleOnce(String eventId, String type, Runnable action) {
            if (handled.contains(eventId)) {
                return false;
            }
            action.run();
            handled.add(eventId);
            return true;
        }
    }
}
