package dev.featurestore.historical.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/historical-features}.
 *
 * @param features {@code view:feature} references (or name a feature service)
 * @param featureService a feature service (or list the features)
 * @param entitySource the entity rows: {@code {"uri": "s3://..."}} (one Parquet object or a prefix) or
 *     {@code {"rows": {"column": [values...]}}}
 * @param eventTimestampColumn the entity rows' timestamp column, {@code event_timestamp} when absent
 * @param fullFeatureNames name feature columns {@code view__feature}
 * @param outputUri the output prefix; when absent {@code featurestore.historical.output-prefix}{@code <job_id>/}
 */
@Serdeable
public record HistoricalFeaturesRequest(
        @Nullable String project,
        @Nullable List<String> features,
        @JsonProperty("feature_service") @Nullable String featureService,
        @JsonProperty("entity_source") @Nullable EntitySource entitySource,
        @JsonProperty("event_timestamp_column") @Nullable String eventTimestampColumn,
        @JsonProperty("full_feature_names") @Nullable Boolean fullFeatureNames,
        @JsonProperty("output_uri") @Nullable String outputUri) {

    /** Where the entity rows are: a URI, or the rows themselves as columns. */
    @Serdeable
    public record EntitySource(@Nullable String uri, @Nullable Map<String, List<Object>> rows) {
    }
}
