package dev.featurestore.historical.domain.job;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training-set request as submitted and kept with its job (so that another instance can run it).
 *
 * @param features {@code view:feature} references, empty when a feature service is named
 * @param entitySourceUri where the entity rows are, when not inline
 * @param inlineRows entity rows given inline, column name to values (JSON values: Long, Double, String, Boolean, List or null)
 * @param outputUri the output prefix; empty only for a {@code wait=true} request that wants rows back and no files
 */
public record JobRequest(
        String project,
        List<String> features,
        Optional<String> featureService,
        Optional<String> entitySourceUri,
        Optional<Map<String, List<Object>>> inlineRows,
        String timestampColumn,
        boolean fullFeatureNames,
        Optional<String> outputUri) {

    public JobRequest {
        requireNonNull(project, "project is null");
        features = List.copyOf(requireNonNull(features, "features is null"));
        requireNonNull(featureService, "featureService is null");
        requireNonNull(entitySourceUri, "entitySourceUri is null");
        inlineRows = requireNonNull(inlineRows, "inlineRows is null").map(JobRequest::copy);
        requireNonNull(timestampColumn, "timestampColumn is null");
        requireNonNull(outputUri, "outputUri is null");
        if (entitySourceUri.isPresent() == inlineRows.isPresent()) {
            throw new IllegalArgumentException("a request has either an entity source URI or inline rows");
        }
    }

    private static Map<String, List<Object>> copy(Map<String, List<Object>> rows) {
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        // Values may be null: no List.copyOf.
        rows.forEach((column, values) -> copy.put(column, Collections.unmodifiableList(new ArrayList<>(values))));
        return Collections.unmodifiableMap(copy);
    }
}
