package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.data.Values;
import dev.featurestore.cli.http.ServiceClient;
import dev.featurestore.cli.registry.ProjectDefinitions;
import dev.featurestore.cli.render.Table;
import dev.featurestore.contracts.definition.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code featurestore get-online-features}: the latest values of a few entities, from serving-service. */
@Command(name = "get-online-features", description = {"Read the latest feature values of a few entities.",
        "Asks serving-service (Feast's request). A value that is not PRESENT shows its status instead (NOT_FOUND, OUTSIDE_MAX_AGE, NULL_VALUE)."})
final class OnlineFeaturesCommand extends BaseCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    HistoricalFeaturesCommand.FeatureSelection selection;

    @Option(names = {"-e", "--entity"}, required = true, paramLabel = "KEY=V1,V2", description = {"A join key and its values, one per entity row",
            "(repeat for composite keys: -e origin_zone=1,2 -e destination_zone=3,4)."})
    List<String> entities;

    @Option(names = "--request", paramLabel = "FIELD=V1,V2", description = "Request data of on-demand views, one value per entity row.")
    List<String> requestData = new ArrayList<>();

    @Option(names = "--full-feature-names", description = "Name features view__feature.")
    boolean fullFeatureNames;

    OnlineFeaturesCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        String project = services().project();
        ProjectDefinitions definitions = ProjectDefinitions.fetch(services().registry(), project);
        ProjectDefinitions.Selection selected = selection.featureService != null
                ? definitions.featureService(selection.featureService) : definitions.features(selection.features);
        Map<String, List<Object>> entityColumns = columns(entities, "--entity", selected.joinKeys());
        Map<String, List<Object>> requestColumns = columns(requestData, "--request", selected.requestFields());
        int rows = entityColumns.values().iterator().next().size();
        for (Map.Entry<String, List<Object>> column : concat(entityColumns, requestColumns).entrySet()) {
            if (column.getValue().size() != rows) {
                throw new CliException("%s has %d values, the first key %d: give one value per entity row".formatted(column.getKey(), column.getValue().size(), rows));
            }
        }
        for (String key : selected.joinKeys().keySet()) {
            if (!entityColumns.containsKey(key)) {
                throw new CliException("--entity: the features asked for need join key '%s' (-e %s=...)".formatted(key, key));
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        if (selection.featureService != null) {
            request.put("feature_service", selection.featureService);
        }
        else {
            request.put("features", selection.features);
        }
        request.put("entities", entityColumns);
        if (!requestColumns.isEmpty()) {
            request.put("request_context", requestColumns);
        }
        request.put("full_feature_names", fullFeatureNames);
        JsonNode response = services().serving().postJson("/get-online-features" + ServiceClient.query(Map.of("project", project)), request)
                .requireSuccess().json();
        if (json()) {
            printJson(response);
            return ExitCodes.OK;
        }
        List<String> names = new ArrayList<>();
        response.path("metadata").path("feature_names").forEach(name -> names.add(name.asText()));
        Table table = new Table(names.toArray(String[]::new));
        for (int row = 0; row < rows; row++) {
            Object[] cells = new Object[names.size()];
            for (int column = 0; column < names.size(); column++) {
                JsonNode result = response.path("results").path(column);
                String status = result.path("statuses").path(row).asText();
                JsonNode value = result.path("values").path(row);
                cells[column] = status.equals("PRESENT") ? (value.isTextual() ? value.asText() : value.toString()) : status;
            }
            table.add(cells);
        }
        table.print(out());
        return ExitCodes.OK;
    }

    /** {@code key=v1,v2} options as typed columns (join keys and request fields take the registry's types). */
    static Map<String, List<Object>> columns(List<String> options, String option, Map<String, ValueType> types) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (String text : options) {
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new CliException("%s: '%s' is not KEY=VALUE[,VALUE...]".formatted(option, text));
            }
            String key = text.substring(0, equals).trim();
            ValueType type = types.getOrDefault(key, ValueType.STRING);
            List<Object> values = new ArrayList<>();
            for (String value : text.substring(equals + 1).split(",", -1)) {
                try {
                    values.add(Values.toJson(Values.parse(value.trim(), type)));
                }
                catch (IllegalArgumentException e) {
                    throw new CliException("%s %s: %s".formatted(option, key, e.getMessage()));
                }
            }
            if (columns.put(key, values) != null) {
                throw new CliException("%s: '%s' is given twice".formatted(option, key));
            }
        }
        return columns;
    }

    private static Map<String, List<Object>> concat(Map<String, List<Object>> first, Map<String, List<Object>> second) {
        Map<String, List<Object>> all = new LinkedHashMap<>(first);
        all.putAll(second);
        return all;
    }
}
