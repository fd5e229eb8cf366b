package dev.featurestore.historical.store.jdbc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.historical.domain.job.JobRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
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
        // jsonb keeps an object's keys in its own order (shortest first): the columns' order is kept beside them
        @JsonProperty("inline_columns") @Nullable List<String> inlineColumns,
        @JsonProperty("timestamp_column") String timestampColumn,
        @JsonProperty("full_feature_names") boolean fullFeatureNames,
        @JsonProperty("output_uri") @Nullable String outputUri) {

    static StoredRequest of(JobRequest request) {
        return new StoredRequest(request.project(), request.features(), request.featureService().orElse(null),
                request.entitySourceUri().orElse(null), request.inlineRows().orElse(null),
                request.inlineRows().map(rows -> List.copyOf(rows.keySet())).orElse(null), request.timestampColumn(),
                request.fullFeatureNames(), request.outputUri().orElse(null));
    }

    /** The inline columns in the order of the request (jobs stored before the order was kept: as stored). */
    private Map<String, List<Object>> inRequestOrder(Map<String, List<Object>> rows) {
        if (inlineColumns == null) {
            return rows;
        }
        Map<String, List<Object>> ordered = new LinkedHashMap<>();
        inlineColumns.stream().filter(rows::containsKey).forEach(column -> ordered.put(column, rows.get(column)));
        rows.forEach(ordered::putIfAbsent);
        return ordered;
    }

    JobRequest toRequest() {
        return new JobRequest(project, features == null ? List.of() : features, Optional.ofNullable(featureService),
                Optional.ofNullable(entitySourceUri), Optional.ofNullable(inlineRows).map(this::inRequestOrder), timestampColumn, fullFeatureNames,
                Optional.ofNullable(outputUri));
    }
}
