package dev.featurestore.runtime.events;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.events.CloudEvent;
import dev.featurestore.contracts.events.CloudEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every {@code @KafkaListener} of the suite delegates to: reads the CloudEvent, continues the
 * producer's trace (record header, else the event's {@code traceparent}), and runs the handler once
 * per event id ({@link ProcessedEvents}). Counts every event in
 * {@code featurestore.events.consumed{type, outcome=handled|duplicate|rejected|failed|dead_lettered}}.
 *
 * <p>No event blocks its partition for long (no poison pills):
 * <ul>
 * <li>an unreadable record is dead-lettered at once ({@link DeadLetters});</li>
 * <li>a handler failing on the event itself (anything {@link EventFailures#isInfrastructure} does not call
 * infrastructure) runs {@code featurestore.events.attempts} times in all, {@code retry-delay} apart (doubling), then the
 * event is dead-lettered and the listener moves on (its offset is committed);</li>
 * <li>a handler failing on infrastructure (database, broker, network down) rethrows, so the listener's error strategy
 * ({@link #TRANSIENT_RETRY_DELAY} apart, without a count limit) retries the record until it succeeds; only when it has
 * been failing for longer than {@code featurestore.events.transient-timeout} is it dead-lettered too.</li>
 * </ul>
 * A dead-lettered event is not marked handled, so republishing it after a fix handles it.
 */
@Singleton
@Requires(beans = ProcessedEvents.class)
public final class IdempotentEventConsumer {
    /**
     * The error strategy every listener declares, so that an infrastructure failure this consumer rethrows is retried
     * until {@code featurestore.events.transient-timeout} has passed (then this consumer dead-letters the record):
     * {@code @ErrorStrategy(value = RETRY_ON_ERROR, retryCount = TRANSIENT_RETRY_COUNT, retryDelay = TRANSIENT_RETRY_DELAY)}.
     */
    public static final String TRANSIENT_RETRY_DELAY = "2s";
    /** See {@link #TRANSIENT_RETRY_DELAY}: the count is not what bounds the retries, the timeout is. */
    public static final int TRANSIENT_RETRY_COUNT = Integer.MAX_VALUE;
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentEventConsumer.class);
    private static final String METRIC = "featurestore.events.consumed";
    private static final TextMapGetter<ConsumerRecord<?, ?>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<?, ?> carrier) {
            List<String> keys = new ArrayList<>();
            for (Header header : carrier.headers()) {
                keys.add(header.key());
            }
            return keys;
        }

        @Override
        public String get(ConsumerRecord<?, ?> carrier, String key) {
            if (carrier == null) {
                return null;
            }
            Header header = carrier.headers().lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final ProcessedEvents processedEvents;
    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final MeterRegistry meters;
    private final DeadLetters deadLetters;
    private final EventConsumptionProperties properties;

    public IdempotentEventConsumer(ProcessedEvents processedEvents, OpenTelemetry openTelemetry, MeterRegistry meters, DeadLetters deadLetters,
            EventConsumptionProperties properties) {
        this.processedEvents = requireNonNull(processedEvents, "processedEvents is null");
        this.openTelemetry = requireNonNull(openTelemetry, "openTelemetry is null");
        this.tracer = openTelemetry.getTracer("dev.featurestore.events");
        this.meters = requireNonNull(meters, "meters is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    /**
     * Handles one record of a topic of structured-mode CloudEvents.
     *
     * @param consumerGroup the listener's consumer group, named on the dead-letter topic
     * @return true when the handler ran, false for a duplicate, an unreadable or a dead-lettered record
     * @throws RuntimeException an infrastructure failure, for the listener's error strategy to retry
     */
    public boolean consume(String consumerGroup, ConsumerRecord<String, String> record, Consumer<CloudEvent<?>> handler) {
        requireNonNull(consumerGroup, "consumerGroup is null");
        requireNonNull(record, "record is null");
        requireNonNull(handler, "handler is null");
        CloudEvent<?> event;
        try {
            event = CloudEvents.fromJson(record.value() == null ? "" : record.value());
        }
        catch (IllegalArgumentException e) {
            deadLetters.deadLetter(consumerGroup, record, null, e, 1, false);
            count("unknown", "rejected");
            return false;
        }
        Span span = tracer.spanBuilder("process " + event.type())
                .setParent(parentContext(record, event))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute(AttributeKey.longKey("messaging.kafka.offset"), record.offset())
                .setAttribute("messaging.message.id", event.id())
                .startSpan();
        MDC.put("event_id", event.id());
        try (Scope ignored = span.makeCurrent()) {
            return handleWithRetries(consumerGroup, record, event, handler, span);
        }
        finally {
            MDC.remove("event_id");
            span.end();
        }
    }

    private boolean handleWithRetries(String consumerGroup, ConsumerRecord<String, String> record, CloudEvent<?> event,
            Consumer<CloudEvent<?>> handler, Span span) {
        Duration delay = properties.retryDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                boolean handled = processedEvents.handleOnce(event.id(), event.type(), () -> handler.accept(event));
                deadLetters.succeeded(consumerGroup, record);
                span.setAttribute("featurestore.event.duplicate", !handled);
                count(event.type(), handled ? "handled" : "duplicate");
                if (!handled) {
                    LOG.debug("Event {} ({}) was handled before; skipped", event.id(), event.type());
                }
                return handled;
            }
            catch (RuntimeException e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
                if (EventFailures.isInfrastructure(e)) {
                    DeadLetters.InfrastructureFailures failures = deadLetters.failedOnInfrastructure(consumerGroup, record);
                    if (failures.failingFor().compareTo(properties.transientTimeout()) < 0) {
                        LOG.warn("Handling event {} ({}) at {}-{}@{} failed on infrastructure (failing for {}); the listener retries it: {}",
                                event.id(), event.type(), record.topic(), record.partition(), record.offset(), failures.failingFor(), e.toString(), e);
                        count(event.type(), "failed");
                        throw e;
                    }
                    deadLetters.deadLetter(consumerGroup, record, event, e, failures.count(), true);
                    count(event.type(), "dead_lettered");
                    return false;
                }
                if (attempt >= properties.attempts()) {
                    deadLetters.deadLetter(consumerGroup, record, event, e, attempt, false);
                    count(event.type(), "dead_lettered");
                    return false;
                }
                LOG.warn("Handling event {} ({}) at {}-{}@{} failed (attempt {} of {}), retrying in {}: {}", event.id(), event.type(), record.topic(),
                        record.partition(), record.offset(), attempt, properties.attempts(), delay, e.toString());
                count(event.type(), "failed");
                pause(delay);
                delay = delay.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry an event", e);
        }
    }

    private Context parentContext(ConsumerRecord<String, String> record, CloudEvent<?> event) {
        Context fromHeaders = openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), record, HEADERS);
        if (TraceContexts.hasSpan(fromHeaders)) {
            return fromHeaders;
        }
        return TraceContexts.fromTraceparent(event.traceparent());
    }

    private void count(String type, String outcome) {
        Counter.builder(METRIC)
                .description("Events consumed from Kafka, by type and outcome")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
