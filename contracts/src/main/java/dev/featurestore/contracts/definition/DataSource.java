package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * Where feature values come from, discriminated in JSON by {@code type}.
 */
@Serdeable
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ParquetSource.class, name = "parquet"),
        @JsonSubTypes.Type(value = PushSource.class, name = "push"),
        @JsonSubTypes.Type(value = KafkaSource.class, name = "kafka"),
        @JsonSubTypes.Type(value = RequestSource.class, name = "request"),
})
public sealed interface DataSource permits ParquetSource, PushSource, KafkaSource, RequestSource {
    String name();

    @Nullable
    String description();

    @Nullable
    String owner();

    @Nullable
    Map<String, String> tags();

    /**
     * The {@code type} this source has in JSON.
     *
     * @return the type
     */
    SourceType sourceType();
}
