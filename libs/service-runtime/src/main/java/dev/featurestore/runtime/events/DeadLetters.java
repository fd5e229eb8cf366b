package dev.featurestore.runtime.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import dev.featurestore.contracts.events.EventDeadLettered;
import dev.featurestore.contracts.events.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter topic {@code featurestore.events-dlq}: records an event a consumer gives up on as an
 * {@code event.dead_lettered} CloudEvent (sent synchronously, acks=all: when the broker cannot take it, this throws and
 * the record is retried rather than lost), logs it at ERROR once and counts it in
 * {@code featurestore.events.dead_lettered{group, topic}}. Also remembers since when a record has been failing on
 * infrastructure, so that such a record is dead-lettered only after {@code featurestore.events.transient-timeout}.
 */
@Singleton
public class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final String METRIC = "featurestore.events.dead_lettered";
    private static final int MAX_RECORD_CHARS = 256 * 1024;
    private static final int MAX_REASON_CHARS = 500;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final CloudEventSender sender;
    private final MeterRegistry meters;
    private final String source;
    private final InstantSource clock;
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();

    public DeadLetters(CloudEventSender sender, MeterRegistry meters, @Value("${micronaut.application.name:featurestore}") String applicationName) {
        this(sender, meters, applicationName, InstantSource.system());
    }

    DeadLetters(CloudEventSender sender, MeterRegistry meters, String applicationName, InstantSource clock) {
        this.sender = requireNonNull(sender, "sender is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.source = "/featurestore/" + requireNonNull(applicationName, "applicationName is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Publishes the record to the dead-letter topic and logs it at ERROR.
     *
     * @param event the record read as a CloudEvent, or null when it is not a readable event
     * @throws RuntimeException when the broker did not take it (the caller must not move on)
     */
    public void deadLetter(String consumerGroup, ConsumerRecord<String, String> record, @Nullable CloudEvent<?> event, Throwable failure,
            int attempts, boolean infrastructure) {
        requireNonNull(consumerGroup, "consumerGroup is null");
        requireNonNull(record, "record is null");
        requireNonNull(failure, "failure is null");
        String value = record.value();
        EventDeadLettered data = new EventDeadLettered(projectOf(record, event), consumerGroup, record.topic(), record.partition(), record.offset(),
                record.key(), value == null || value.length() <= MAX_RECORD_CHARS ? value : value.substring(0, MAX_RECORD_CHARS),
                event == null ? null : event.id(), event == null ? null : event.type(), failure.getClass().getName(),
                EventFailures.describe(failure, MAX_REASON_CHARS), attempts, infrastructure);
        CloudEvent<EventDeadLettered> deadLettered = CloudEvents.create(EventTypes.EVENT_DEAD_LETTERED, source, data)
                .withTraceparent(TraceContexts.currentTraceparent());
        sender.send(EventTypes.EVENT_DEAD_LETTERED.topic(), deadLettered.subject(), CloudEvents.toJson(deadLettered));
        failing.remove(recordId(consumerGroup, record));
        LOG.error("Gave up on {} at {}-{}@{} (key {}, group {}) after {} attempt(s); it is on {}: {}: {}",
                event == null ? "an unreadable record" : "event %s (%s)".formatted(event.id(), event.type()), record.topic(), record.partition(),
                record.offset(), record.key(), consumerGroup, attempts, EventTypes.EVENT_DEAD_LETTERED.topic(), data.exception(), data.reason());
        Counter.builder(METRIC)
                .description("Events a consumer gave up on and sent to the dead-letter topic")
                .tag("group", consumerGroup)
                .tag("topic", record.topic())
                .register(meters)
                .increment();
    }

    /**
     * Notes one more infrastructure failure of a record.
     *
     * @return how long the record has been failing on infrastructure (zero on its first failure), and how often
     */
    InfrastructureFailures failedOnInfrastructure(String consumerGroup, ConsumerRecord<String, String> record) {
        Instant now = clock.instant();
        Failing current = failing.merge(recordId(consumerGroup, record), new Failing(now, 1),
                (before, ignored) -> new Failing(before.since(), before.count() + 1));
        return new InfrastructureFailures(Duration.between(current.since(), now), current.count());
    }

    /** Forgets the failures of a record that was handled after all. */
    void succeeded(String consumerGroup, ConsumerRecord<String, String> record) {
        if (!failing.isEmpty()) {
            failing.remove(recordId(consumerGroup, record));
        }
    }

    private static String recordId(String consumerGroup, ConsumerRecord<String, String> record) {
        return consumerGroup + "|" + record.topic() + "|" + record.partition() + "|" + record.offset();
    }

    private static String projectOf(ConsumerRecord<String, String> record, @Nullable CloudEvent<?> event) {
        if (event != null && event.data() instanceof Record data) {
            for (RecordComponent component : data.getClass().getRecordComponents()) {
                if (component.getName().equals("project")) {
                    try {
                        if (component.getAccessor().invoke(data) instanceof String project && NAME.matcher(project).matches()) {
                            return project;
                        }
                    }
                    catch (ReflectiveOperationException e) {
                        break;
                    }
                }
            }
        }
        String key = record.key();
        if (key != null) {
            String first = key.split("/", 2)[0];
            if (NAME.matcher(first).matches()) {
                return first;
            }
        }
        return EventDeadLettered.UNKNOWN_PROJECT;
    }

    /** How long and how often a record has been failing on infrastructure. */
    record InfrastructureFailures(Duration failingFor, int count) {
    }

    private record Failing(Instant since, int count) {
    }
}
