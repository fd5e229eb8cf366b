package dev.featurestore.contracts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Parquet files under {@code path} ({@code s3://...} or {@code file://...}): the offline store.
 * {@code field_mapping} maps a column name in the files to a feature or key name.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParquetSource(
        String name,
        String path,
        @JsonProperty("timestamp_field") String timestampField,
        @JsonProperty("created_timestamp_column") @Nullable String createdTimestampColumn,
        @JsonProperty("field_mapping") @Nullable Map<String, String> fieldMapping,
        @Nullable String description,
        @Nullable String owner,
        @Nullable Map<String, String> tags) implements DataSource {
    public ParquetSource {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(timestampField, "timestampField is null");
        fieldMapping = Copies.mapOrNull(fieldMapping);
        tags = Copies.mapOrNull(tags);
    }

    public ParquetSource(String name, String path, String timestampField) {
        this(name, path, timestampField, null, null, null, null, null);
    }

    @Override
    public SourceType sourceType() {
        return SourceType.PARQUET;
    }
}
