package dev.featurestore.cli.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.http.ServiceClient;
import dev.featurestore.contracts.definition.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project's definitions (the registry's snapshot), to check what a command names before sending it and to type the
 * columns of files: join keys, request data and pushed columns take the types the registry declares.
 */
public final class ProjectDefinitions {
    private final String project;
    private final JsonNode snapshot;

    public ProjectDefinitions(String project, JsonNode snapshot) {
        this.project = requireNonNull(project, "project is null");
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
    }

    public static ProjectDefinitions fetch(ServiceClient registry, String project) {
        return new ProjectDefinitions(project, registry.getJson("/v1/projects/%s/registry".formatted(ServiceClient.encode(project))));
    }

    /**
     * What a list of feature references ({@code view:feature}) or a feature service reads.
     *
     * @param views the feature views and on-demand views named, in order
     * @param joinKeys every join key of the feature views read (also through on-demand views), with its type
     * @param requestFields every request-source field on-demand views read, with its type
     */
    public record Selection(List<String> views, Map<String, ValueType> joinKeys, Map<String, ValueType> requestFields) {
        public Selection {
            views = List.copyOf(views);
            joinKeys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(joinKeys));
            requestFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requestFields));
        }
    }

    /** Checks each reference names a feature of a view of the project; one line naming the first that does not. */
    public Selection features(List<String> references) {
        if (references.isEmpty()) {
            throw new CliException("--features: no feature given");
        }
        Set<String> views = new LinkedHashSet<>();
        for (String reference : references) {
            int colon = reference.indexOf(':');
            if (colon <= 0 || colon == reference.length() - 1 || reference.indexOf(':', colon + 1) >= 0) {
                throw new CliException("--features: '%s' is not a feature reference view:feature".formatted(reference));
            }
            String viewName = reference.substring(0, colon);
            String feature = reference.substring(colon + 1);
            JsonNode view = view(viewName).orElseThrow(() -> new CliException("feature '%s' does not exist: project '%s' has no feature view or on-demand view '%s'%s"
                    .formatted(reference, project, viewName, suggestion(viewName, viewNames()))));
            List<String> schema = names(view.path("schema"));
            if (!schema.contains(feature)) {
                throw new CliException("feature '%s' does not exist: '%s' has %s".formatted(reference, viewName, String.join(", ", schema)));
            }
            views.add(viewName);
        }
        return select(new ArrayList<>(views));
    }

    /** What a feature service reads; one line when the project has no such service. */
    public Selection featureService(String name) {
        JsonNode service = find("feature_services", name).orElseThrow(() -> new CliException(
                "feature service '%s' does not exist in project '%s'%s".formatted(name, project, suggestion(name, names(snapshot.path("feature_services"))))));
        List<String> views = new ArrayList<>();
        service.path("features").forEach(item -> views.add(item.path("feature_view").asText()));
        return select(views);
    }

    private Selection select(List<String> views) {
        Map<String, ValueType> joinKeys = new LinkedHashMap<>();
        Map<String, ValueType> requestFields = new LinkedHashMap<>();
        Set<String> visited = new LinkedHashSet<>();
        for (String view : views) {
            collect(view, joinKeys, requestFields, visited);
        }
        return new Selection(views, joinKeys, requestFields);
    }

    private void collect(String name, Map<String, ValueType> joinKeys, Map<String, ValueType> requestFields, Set<String> visited) {
        if (!visited.add(name)) {
            return;
        }
        Optional<JsonNode> featureView = find("feature_views", name);
        if (featureView.isPresent()) {
            for (JsonNode entityName : featureView.get().path("entities")) {
                find("entities", entityName.asText()).ifPresent(entity -> entity.path("join_keys").forEach(key ->
                        joinKeys.putIfAbsent(key.path("name").asText(), type(key.path("value_type").asText()))));
            }
            return;
        }
        Optional<JsonNode> onDemand = find("on_demand_feature_views", name);
        if (onDemand.isPresent()) {
            for (JsonNode source : onDemand.get().path("sources")) {
                Optional<JsonNode> request = find("data_sources", source.asText()).filter(node -> node.path("type").asText().equals("request"));
                if (request.isPresent()) {
                    request.get().path("schema").forEach(field -> requestFields.putIfAbsent(field.path("name").asText(), type(field.path("dtype").asText())));
                }
                else {
                    collect(source.asText(), joinKeys, requestFields, visited);
                }
            }
        }
    }

    /**
     * The columns a push to a push source takes, named as its batch source's files ({@code field_mapping} applies):
     * the join keys and features of every view fed by it, the timestamp field and created-timestamp column.
     */
    public Map<String, ValueType> pushColumns(String pushSource) {
        JsonNode source = find("data_sources", pushSource).orElseThrow(() -> new CliException(
                "push source '%s' does not exist in project '%s'%s".formatted(pushSource, project, suggestion(pushSource, pushSourceNames()))));
        if (!source.path("type").asText().equals("push")) {
            throw new CliException("'%s' is a %s source, not a push source%s".formatted(pushSource, source.path("type").asText(),
                    pushSourceNames().isEmpty() ? "" : " (push sources: " + String.join(", ", pushSourceNames()) + ")"));
        }
        JsonNode batch = find("data_sources", source.path("batch_source").asText()).orElse(source);
        Map<String, String> featureToColumn = new LinkedHashMap<>();
        batch.path("field_mapping").fields().forEachRemaining(entry -> featureToColumn.put(entry.getValue().asText(), entry.getKey()));
        Map<String, ValueType> columns = new LinkedHashMap<>();
        for (JsonNode view : snapshot.path("feature_views")) {
            if (!view.path("source").asText().equals(pushSource)) {
                continue;
            }
            for (JsonNode entityName : view.path("entities")) {
                find("entities", entityName.asText()).ifPresent(entity -> entity.path("join_keys").forEach(key -> columns.putIfAbsent(
                        featureToColumn.getOrDefault(key.path("name").asText(), key.path("name").asText()), type(key.path("value_type").asText()))));
            }
            view.path("schema").forEach(field -> columns.putIfAbsent(
                    featureToColumn.getOrDefault(field.path("name").asText(), field.path("name").asText()), type(field.path("dtype").asText())));
        }
        if (batch.hasNonNull("timestamp_field")) {
            columns.put(batch.path("timestamp_field").asText(), ValueType.UNIX_TIMESTAMP);
        }
        if (batch.hasNonNull("created_timestamp_column")) {
            columns.put(batch.path("created_timestamp_column").asText(), ValueType.UNIX_TIMESTAMP);
        }
        return columns;
    }

    private Optional<JsonNode> view(String name) {
        return find("feature_views", name).or(() -> find("on_demand_feature_views", name));
    }

    private Optional<JsonNode> find(String section, String name) {
        for (JsonNode object : snapshot.path(section)) {
            if (object.path("name").asText().equals(name)) {
                return Optional.of(object);
            }
        }
        return Optional.empty();
    }

    private List<String> viewNames() {
        List<String> names = new ArrayList<>(names(snapshot.path("feature_views")));
        names.addAll(names(snapshot.path("on_demand_feature_views")));
        return names;
    }

    private List<String> pushSourceNames() {
        List<String> names = new ArrayList<>();
        snapshot.path("data_sources").forEach(source -> {
            if (source.path("type").asText().equals("push")) {
                names.add(source.path("name").asText());
            }
        });
        return names;
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    private static String suggestion(String name, List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        return " (it has %s)".formatted(String.join(", ", names.size() > 12 ? names.subList(0, 12) : names) + (names.size() > 12 ? ", ..." : ""));
    }

    private static ValueType type(String name) {
        return ValueType.parse(name).orElse(ValueType.STRING);
    }
}
