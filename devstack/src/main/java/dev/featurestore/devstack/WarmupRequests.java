package dev.featurestore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurestore.examples.DemoData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The serving warm-up's requests of a project's definitions (the sections of a definition document or registry
 * snapshot): every feature of each online feature view, and each feature service (with the request data of its
 * on-demand views), each for 1 and 10 entity rows of the demo data's keys, in {@value #VARIANTS} variants of other
 * entities.
 */
final class WarmupRequests {
    /** Requests of each shape, with other entities each. */
    static final int VARIANTS = 4;
    private static final List<Integer> ROWS = List.of(1, 10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DemoData.Settings DEMO = DemoData.Settings.defaults(Instant.EPOCH);

    private WarmupRequests() {
    }

    static List<WarmupRequest> of(JsonNode document) {
        Definitions definitions = Definitions.of(document);
        List<WarmupRequest> requests = new ArrayList<>();
        for (JsonNode view : document.path("feature_views")) {
            List<JsonNode> keys = definitions.joinKeys(view);
            if (!view.path("online").asBoolean(true) || keys.isEmpty() || view.path("schema").isEmpty()) {
                continue;
            }
            List<String> features = new ArrayList<>();
            view.path("schema").forEach(field -> features.add(view.path("name").asText() + ":" + field.path("name").asText()));
            for (int rows : ROWS) {
                for (int variant = 0; variant < VARIANTS; variant++) {
                    requests.add(new WarmupRequest(features, Optional.empty(), columns(keys, rows, variant), List.of()));
                }
            }
        }
        for (JsonNode service : document.path("feature_services")) {
            Map<String, JsonNode> keys = new LinkedHashMap<>();
            Map<String, JsonNode> requestFields = new LinkedHashMap<>();
            for (JsonNode item : service.path("features")) {
                definitions.collect(item.path("feature_view").asText(), keys, requestFields);
            }
            if (keys.isEmpty()) {
                continue;
            }
            for (int rows : ROWS) {
                for (int variant = 0; variant < VARIANTS; variant++) {
                    requests.add(new WarmupRequest(List.of(), Optional.of(service.path("name").asText()),
                            columns(List.copyOf(keys.values()), rows, variant), columns(List.copyOf(requestFields.values()), rows, variant)));
                }
            }
        }
        return requests;
    }

    /** Columns of {@code rows} rows, one per field (join key or request data), of values the demo data has. */
    private static List<WarmupRequest.Column> columns(List<JsonNode> fields, int rows, int variant) {
        List<WarmupRequest.Column> columns = new ArrayList<>();
        for (int position = 0; position < fields.size(); position++) {
            JsonNode field = fields.get(position);
            String type = field.has("value_type") ? field.path("value_type").asText() : field.path("dtype").asText();
            List<Object> values = new ArrayList<>();
            for (int row = 0; row < rows; row++) {
                values.add(value(type, variant * 37 + row, position));
            }
            columns.add(new WarmupRequest.Column(field.path("name").asText(), type, values));
        }
        return columns;
    }

    /**
     * A value of the demo data's keys by type: its drivers (INT64), customers (STRING) and zones (INT32).
     *
     * @param index which value of the type
     * @param position the field's position in its request, so that two INT32 keys of one row (a route's two zones) differ
     */
    static Object value(String type, int index, int position) {
        if (type.endsWith("_LIST")) {
            return List.of(value(type.substring(0, type.length() - "_LIST".length()), index, position));
        }
        return switch (type) {
            case "INT64", "UNIX_TIMESTAMP" -> DemoData.FIRST_DRIVER_ID + index % DEMO.drivers();
            case "INT32" -> 1 + (index + position) % DEMO.zones();
            // the demo data's customer ids (DemoData: C00001 and up)
            case "STRING" -> "C%05d".formatted(1 + index % DEMO.customers());
            case "FLOAT32", "FLOAT64" -> 1.0 + index % 20;
            case "BOOL" -> index % 2 == 0;
            // base64, as JSON carries bytes
            default -> "d2FybS11cA==";
        };
    }

    /** A project's definitions by name: entities' join keys, feature views, on-demand views and request sources. */
    private record Definitions(Map<String, JsonNode> entities, Map<String, JsonNode> views, Map<String, JsonNode> onDemandViews,
            Map<String, JsonNode> sources) {
        static Definitions of(JsonNode document) {
            return new Definitions(byName(document.path("entities")), byName(document.path("feature_views")),
                    byName(document.path("on_demand_feature_views")), byName(document.path("data_sources")));
        }

        private static Map<String, JsonNode> byName(JsonNode section) {
            Map<String, JsonNode> objects = new HashMap<>();
            section.forEach(object -> objects.put(object.path("name").asText(), object));
            return Map.copyOf(objects);
        }

        /** The join keys of a feature view's entities ({@code name}, {@code value_type}). */
        List<JsonNode> joinKeys(JsonNode view) {
            List<JsonNode> keys = new ArrayList<>();
            for (JsonNode entity : view.path("entities")) {
                entities.getOrDefault(entity.asText(), JSON.createObjectNode()).path("join_keys").forEach(keys::add);
            }
            return keys;
        }

        /** Adds the join keys and request data a feature-service item's view (feature view or on-demand view) reads. */
        void collect(String name, Map<String, JsonNode> keys, Map<String, JsonNode> requestFields) {
            if (views.containsKey(name)) {
                joinKeys(views.get(name)).forEach(key -> keys.putIfAbsent(key.path("name").asText(), key));
                return;
            }
            JsonNode onDemand = onDemandViews.get(name);
            if (onDemand == null) {
                return;
            }
            for (JsonNode source : onDemand.path("sources")) {
                JsonNode request = sources.get(source.asText());
                if (request != null && request.path("type").asText().equals("request")) {
                    request.path("schema").forEach(field -> requestFields.putIfAbsent(field.path("name").asText(), field));
                }
                else if (views.containsKey(source.asText())) {
                    joinKeys(views.get(source.asText())).forEach(key -> keys.putIfAbsent(key.path("name").asText(), key));
                }
            }
        }
    }
}
