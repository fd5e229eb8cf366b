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
 * {@code featurestore.events.consumed{type, outcome=handled|duplicate|rejected|failed}}.
 * An unreadable record is logged and skipped (it never blocks the partition); a failing handler
 * is logged (WARN, with the cause) and rethrows, so the listener's error strategy retries it.
 */
@Singleton
@Requires(beans = ProcessedEvents.class)
public final class IdempotentEventConsumer {
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

    public IdempotentEventConsumer(ProcessedEvents processedEvents, OpenTelemetry openTelemetry, MeterRegistry meters) {
        this.processedEvents = requireNonNull(processedEvents, "processedEvents is null");
        this.openTelemetry = requireNonNull(openTelemetry, "openTelemetry is null");
        this.tracer = openTelemetry.getTracer("dev.featurestore.events");
        this.meters = requireNonNull(meters, "meters is null");
    }

    /**
     * Handles one record of a topic of structured-mode CloudEvents.
     *
     * @return true when the handler ran, false for a duplicate or an unreadable record
     */
    public boolean consume(ConsumerRecord<String, String> record, Consumer<CloudEvent<?>> handler) {
        requireNonNull(record, "record is null");
        requireNonNull(handler, "handler is null");
        CloudEvent<?> event;
        try {
            event = CloudEvents.fromJson(record.value() == null ? "" : record.value());
        }
        catch (IllegalArgumentException e) {
            LOG.error("Skipping unreadable event at {}-{}@{} (key {}): {}",
                    record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
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
            boolean handled = processedEvents.handleOnce(event.id(), event.type(), () -> handler.accept(event));
            span.setAttribute("featurestore.event.duplicate", !handled);
            count(event.type(), handled ? "handled" : "duplicate");
            if (!handled) {
                LOG.debug("Event {} ({}) was handled before; skipped", event.id(), event.type());
            }
            return handled;
        }
        catch (RuntimeException e) {
            LOG.warn("Handling event {} ({}) at {}-{}@{} failed; the listener retries it: {}", event.id(), event.type(), record.topic(),
                    record.partition(), record.offset(), e.toString(), e);
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            count(event.type(), "failed");
            throw e;
        }
        finally {
            MDC.remove("event_id");
            span.end();
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
