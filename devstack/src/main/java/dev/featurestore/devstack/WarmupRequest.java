package dev.featurestore.devstack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One request of the serving warm-up ({@link ServingWarmup}): a feature list or a feature service, with typed columns
 * of entity rows and of request data, written as {@code /get-online-features} JSON or as Feast's gRPC request.
 *
 * @param features {@code view:feature} references (empty when the request names a feature service)
 * @param featureService the feature service, when it names one (its answer uses full feature names)
 * @param entities the join-key columns
 * @param requestContext the request-data columns of on-demand views
 */
record WarmupRequest(List<String> features, Optional<String> featureService, List<Column> entities, List<Column> requestContext) {
    private static final ObjectMapper JSON = new ObjectMapper();

    WarmupRequest {
        features = List.copyOf(features);
        requireNonNull(featureService, "featureService is null");
        entities = List.copyOf(entities);
        requestContext = List.copyOf(requestContext);
    }

    /**
     * A column of values of one type.
     *
     * @param type a value type of the definition model ({@code INT64}, {@code STRING_LIST}, ...)
     */
    record Column(String name, String type, List<Object> values) {
        Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            values = List.copyOf(values);
        }
    }

    /** Several views' features may share names: a feature service's answer uses full names. */
    boolean fullFeatureNames() {
        return featureService.isPresent();
    }

    /** The {@code POST /get-online-features} body. */
    String json() {
        ObjectNode body = JSON.createObjectNode();
        if (featureService.isPresent()) {
            body.put("feature_service", featureService.get());
            body.put("full_feature_names", true);
        }
        else {
            ArrayNode list = body.putArray("features");
            features.forEach(list::add);
        }
        body.set("entities", columns(entities));
        if (!requestContext.isEmpty()) {
            body.set("request_context", columns(requestContext));
        }
        return body.toString();
    }

    private static ObjectNode columns(List<Column> columns) {
        ObjectNode object = JSON.createObjectNode();
        for (Column column : columns) {
            ArrayNode values = object.putArray(column.name());
            column.values().forEach(values::addPOJO);
        }
        return object;
    }
}
