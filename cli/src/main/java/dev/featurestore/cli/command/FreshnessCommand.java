package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.Json;
import dev.featurestore.cli.http.ServiceClient;
import dev.featurestore.cli.render.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code featurestore freshness}: each feature view's staleness against its SLA, from monitoring-service. */
@Command(name = "freshness", description = {"Show how fresh the project's feature views are.",
        "Per view (or one VIEW): its freshness SLA, its staleness (now minus the latest event time materialized), its state (ok, violated, unknown) and why."})
final class FreshnessCommand extends BaseCommand {
    @Parameters(paramLabel = "VIEW", arity = "0..1", description = "One feature view.")
    String view;

    FreshnessCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        String project = services().project();
        ServiceClient monitoring = services().monitoring();
        JsonNode answer = view == null
                ? monitoring.getJson("/v1/freshness" + ServiceClient.query(Map.of("project", project)))
                : monitoring.getJson("/v1/freshness/%s/%s".formatted(ServiceClient.encode(project), ServiceClient.encode(view)));
        if (json()) {
            printJson(answer);
            return ExitCodes.OK;
        }
        JsonNode views = view == null ? answer.path("views") : Json.MAPPER.createArrayNode().add(answer);
        if (views.isEmpty()) {
            out().printf("Project '%s' has no feature views monitoring-service knows of.%n", project);
            return ExitCodes.OK;
        }
        Table table = new Table("FEATURE_VIEW", "STATE", "SLA", "STALENESS", "LATEST_EVENT", "REASON");
        for (JsonNode each : views) {
            table.add(each.path("feature_view").asText(), each.path("state").asText(), duration(each.path("freshness_sla_seconds")),
                    duration(each.path("staleness_seconds")), each.path("max_event_timestamp").asText("-"), reason(each));
        }
        table.print(out());
        return ExitCodes.OK;
    }

    private static String reason(JsonNode view) {
        if (!view.path("online").asBoolean(true)) {
            return "offline only";
        }
        if (!view.path("evaluated").asBoolean()) {
            return "no freshness_sla";
        }
        return view.path("reason").isNull() || view.path("reason").isMissingNode() ? "" : view.path("reason").asText();
    }

    /** Seconds as {@code 1d2h}, {@code 26h}, {@code 5m30s}; {@code -} for none. */
    static String duration(JsonNode seconds) {
        if (seconds.isNull() || seconds.isMissingNode()) {
            return "-";
        }
        long total = seconds.asLong();
        StringBuilder text = new StringBuilder();
        long days = total / 86_400;
        long hours = total % 86_400 / 3_600;
        long minutes = total % 3_600 / 60;
        long rest = total % 60;
        if (days > 0) {
            text.append(days).append('d');
        }
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0 && days == 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0 && days == 0 && hours == 0 || total == 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }
}
