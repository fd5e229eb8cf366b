package dev.featurestore.historical.store.jdbc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.historical.domain.job.JobRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link JobRequest} in the {@code request} JSON column. */
@Serdeable
record StoredRequest(
        String project,
        List<String> features,
        @JsonProperty("feature_service") @Nullable String featureService,
        @JsonProperty("entity_source_uri") @Nullable String entitySourceUri,
        @JsonProperty("inline_rows") @Nullable Map<String, List<Object>> inlineRows,
        @JsonProperty("timestamp_column") String timestampColumn,
        @JsonProperty("full_feature_names") boolean fullFeatureNames,
        @JsonProperty("output_uri") @Nullable String outputUri) {

    static StoredRequest of(JobRequest request) {
        return new StoredRequest(request.project(), request.features(), request.featureService().orElse(null),
                request.entitySourceUri().orElse(null), request.inlineRows().orElse(null), request.timestampColumn(),
                request.fullFeatureNames(), request.outputUri().orElse(null));
    }

    JobRequest toRequest() {
        return new JobRequest(project, features == null ? List.of() : features, Optional.ofNullable(featureService),
                Optional.ofNullable(entitySourceUri), Optional.ofNullable(inlineRows), timestampColumn, fullFeatureNames,
                Optional.ofNullable(outputUri));
    }
}
