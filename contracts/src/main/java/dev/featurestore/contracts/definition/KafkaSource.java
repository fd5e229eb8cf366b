package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A Kafka topic ingested into the online store; offline reads go to {@code batch_source}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaSource(
        String name,
        String topic,
        String format,
        @JsonProperty("timestamp_field") String timestampField,
        @JsonProperty("created_timestamp_column") @Nullable String createdTimestampColumn,
        @JsonProperty("field_mapping") @Nullable Map<String, String> fieldMapping,
        @JsonProperty("batch_source") String batchSource,
        @Nullable String description,
        @Nullable String owner,
        @Nullable Map<String, String> tags) implements DataSource {
    /**
     * The record formats stream ingestion understands.
     */
    public static final List<String> FORMATS = List.of("json");

    public KafkaSource {
        requireNonNull(name, "name is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(format, "format is null");
        requireNonNull(timestampField, "timestampField is null");
        requireNonNull(batchSource, "batchSource is null");
        fieldMapping = Copies.mapOrNull(fieldMapping);
        tags = Copies.mapOrNull(tags);
    }

    public KafkaSource(String name, String topic, String format, String timestampField, String batchSource) {
        this(name, topic, format, timestampField, null, null, batchSource, null, null, null);
    }

    @Override
    public SourceType sourceType() {
        return SourceType.KAFKA;
    }
}
