package dev.featurestore.contracts.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Data of {@code ingestion.rejected} (topic {@code featurestore.ingestion-dlq}): a stream record that could not be
 * ingested, with where it was and why. The partition moved on past it.
 *
 * @param project the project of the kafka source
 * @param source the kafka source
 * @param topic the record's topic
 * @param partition its partition
 * @param offset its offset
 * @param key its key as text, or null
 * @param record its value as text (the original record)
 * @param reason what is wrong with it, naming the field
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestionRejected(
        String project,
        String source,
        String topic,
        int partition,
        long offset,
        @Nullable String key,
        @Nullable String record,
        String reason) {
    public IngestionRejected {
        requireNonNull(project, "project is null");
        requireNonNull(source, "source is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(reason, "reason is null");
    }
}
