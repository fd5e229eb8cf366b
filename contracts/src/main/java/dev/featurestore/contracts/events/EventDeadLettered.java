package dev.featurestore.contracts.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Data of {@code event.dead_lettered} (topic {@code featurestore.events-dlq}): an event of one of the suite's topics
 * that a consumer could not handle, recorded after its retries so that the partition moved on past it. Nothing
 * replays it automatically: an operator fixes the cause and republishes {@code record} to {@code topic} if needed.
 *
 * @param project the project the event is about (its data's {@code project}; for a record that is not a readable
 *                event, the first segment of its key when that is a name, else {@code unknown})
 * @param consumerGroup the consumer group that gave up on it
 * @param topic the record's topic
 * @param partition its partition
 * @param offset its offset
 * @param key its key as text, or null
 * @param record its value as text (the original record), or null when it had none
 * @param eventId the CloudEvents id of the record, or null when it was not a readable event
 * @param eventType the CloudEvents type of the record, or null when it was not a readable event
 * @param exception the class name of the failure
 * @param reason the failure's message, shortened
 * @param attempts how many times the consumer tried to handle it
 * @param infrastructure true when the failure looked transient (a database, broker or network error) and kept failing
 *                       for longer than the consumer waits for one
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventDeadLettered(
        String project,
        @JsonProperty("consumer_group") String consumerGroup,
        String topic,
        int partition,
        long offset,
        @Nullable String key,
        @Nullable String record,
        @JsonProperty("event_id") @Nullable String eventId,
        @JsonProperty("event_type") @Nullable String eventType,
        String exception,
        String reason,
        int attempts,
        boolean infrastructure) {
    /** The project of a record that is not a readable event: none is known. */
    public static final String UNKNOWN_PROJECT = "unknown";

    public EventDeadLettered {
        requireNonNull(project, "project is null");
        requireNonNull(consumerGroup, "consumerGroup is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(exception, "exception is null");
        requireNonNull(reason, "reason is null");
    }
}
