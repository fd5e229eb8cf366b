package dev.featurestore.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A CloudEvents 1.0 envelope in structured-mode JSON: one compact JSON object per Kafka message, sent with the
 * Kafka protocol binding's {@code content-type} header ({@link #STRUCTURED_CONTENT_TYPE}) so that any CloudEvents
 * SDK reads it (docs/events.md). Build one with {@link CloudEvents#create}; {@code subject} is the event's Kafka key
 * and {@code traceparent} the W3C trace context extension attribute.
 *
 * @param time when the event happened, written as an RFC 3339 UTC string
 * @param <T> the type of {@code data}, one of the {@link EventTypes} data records
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        T data,
        @Nullable String traceparent) {
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /**
     * The media type of a whole event in the JSON event format: the value of the Kafka record header
     * {@link #KAFKA_CONTENT_TYPE_HEADER} (and of an HTTP {@code Content-Type}) that marks a structured-mode CloudEvent.
     */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    /**
     * The Kafka record header the CloudEvents Kafka protocol binding reads the event's mode and format from.
     */
    public static final String KAFKA_CONTENT_TYPE_HEADER = "content-type";

    public CloudEvent {
        requireNonNull(specversion, "specversion is null");
        requireNonNull(id, "id is null");
        requireNonNull(source, "source is null");
        requireNonNull(type, "type is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(time, "time is null");
        requireNonNull(datacontenttype, "datacontenttype is null");
        requireNonNull(data, "data is null");
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("unsupported specversion '%s' (expected %s)".formatted(specversion, SPEC_VERSION));
        }
        if (!CONTENT_TYPE.equals(datacontenttype)) {
            throw new IllegalArgumentException("unsupported datacontenttype '%s' (expected %s)".formatted(datacontenttype, CONTENT_TYPE));
        }
    }

    /**
     * This event carrying a trace context.
     *
     * @param traceparent a W3C {@code traceparent} header value, or null for none
     * @return a copy with the given {@code traceparent}
     */
    public CloudEvent<T> withTraceparent(@Nullable String traceparent) {
        return new CloudEvent<>(specversion, id, source, type, subject, time, datacontenttype, data, traceparent);
    }
}
