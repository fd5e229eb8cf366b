package dev.featurestore.contracts.events;

import dev.featurestore.contracts.json.ContractsJson;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Builds, writes and reads {@link CloudEvent}s of the {@link EventTypes} catalogue.
 */
public final class CloudEvents {
    private CloudEvents() {
    }

    public static <T> CloudEvent<T> create(EventType<T> type, String source, T data) {
        return create(type, source, data, Clock.systemUTC());
    }

    /**
     * A new event with a fresh UUID {@code id}, {@code time} now (millisecond precision) and
     * {@code subject} the Kafka key of its data.
     *
     * @param type the event type
     * @param source who produces it, as a URI reference such as {@code /featurestore/registry-service}
     * @param data the data
     * @param clock the clock giving {@code time}
     * @return the event
     */
    public static <T> CloudEvent<T> create(EventType<T> type, String source, T data, Clock clock) {
        requireNonNull(type, "type is null");
        requireNonNull(source, "source is null");
        requireNonNull(data, "data is null");
        requireNonNull(clock, "clock is null");
        return new CloudEvent<>(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type.type(), type.kafkaKey(data),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), CloudEvent.CONTENT_TYPE, data, null);
    }

    /**
     * The event as one compact JSON object (structured mode).
     *
     * @param event the event
     * @return its JSON text
     */
    public static String toJson(CloudEvent<?> event) {
        return new String(toJsonBytes(event), StandardCharsets.UTF_8);
    }

    public static byte[] toJsonBytes(CloudEvent<?> event) {
        requireNonNull(event, "event is null");
        try {
            return ContractsJson.mapper().writeValueAsBytes(event);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an event of any catalogue type; its {@code data} is the type's data record.
     *
     * @param json the JSON text of the event
     * @return the event
     * @throws IllegalArgumentException when the text is not an event of a known type
     */
    public static CloudEvent<?> fromJson(String json) {
        requireNonNull(json, "json is null");
        JsonNode tree = readTree(json);
        JsonNode type = tree.isObject() ? tree.get("type") : null;
        if (type == null || !type.isString()) {
            throw new IllegalArgumentException("not a CloudEvent: no string 'type'");
        }
        EventType<?> eventType = EventTypes.byType(type.getStringValue())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '%s'".formatted(type.getStringValue())));
        return bind(tree, eventType);
    }

    /**
     * Reads an event that must be of the given type.
     *
     * @param json the JSON text of the event
     * @param type the expected type
     * @return the event
     * @throws IllegalArgumentException when the text is not an event of that type
     */
    @SuppressWarnings("unchecked")
    public static <T> CloudEvent<T> fromJson(String json, EventType<T> type) {
        requireNonNull(type, "type is null");
        CloudEvent<?> event = fromJson(json);
        if (!event.type().equals(type.type())) {
            throw new IllegalArgumentException("expected an event of type '%s', got '%s'".formatted(type.type(), event.type()));
        }
        return (CloudEvent<T>) event;
    }

    private static JsonNode readTree(String json) {
        try {
            JsonNode tree = ContractsJson.mapper().readValue(json.getBytes(StandardCharsets.UTF_8), Argument.of(JsonNode.class));
            if (tree == null) {
                throw new IllegalArgumentException("not a CloudEvent: empty text");
            }
            return tree;
        }
        catch (IOException e) {
            throw new IllegalArgumentException("not a CloudEvent: invalid JSON: " + e.getMessage(), e);
        }
    }

    private static <T> CloudEvent<T> bind(JsonNode tree, EventType<T> type) {
        try {
            return ContractsJson.mapper().readValueFromTree(tree, Argument.of(CloudEvent.class, type.dataClass()));
        }
        catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("invalid %s event: %s".formatted(type.type(), e.getMessage()), e);
        }
    }
}
