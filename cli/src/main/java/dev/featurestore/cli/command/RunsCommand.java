package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.follow.Describe;
import dev.featurestore.cli.follow.ProgressLine;
import dev.featurestore.cli.http.ServiceClient;
import dev.featurestore.cli.render.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code featurestore runs}: the project's materialization runs, one run, or following runs to their end. */
@Command(name = "runs", description = {"List, show or follow materialization runs.",
        "Without RUN_ID: the project's runs, newest first. With RUN_ID...: those runs. --follow follows them (without RUN_ID: the project's queued and running runs) until they end; exit code 1 if one did not succeed."})
final class RunsCommand extends BaseCommand {
    @Parameters(paramLabel = "RUN_ID", arity = "0..*", description = "Runs to show or follow.")
    List<String> runIds = new ArrayList<>();

    @Option(names = {"-f", "--follow"}, description = "Follow the runs until they end (exit code 1 if one did not succeed).")
    boolean follow;

    @Option(names = "--view", paramLabel = "VIEW", description = "Only runs of this feature view.")
    String view;

    @Option(names = "--limit", paramLabel = "N", description = "How many runs to list (1..1000, default 20).")
    int limit = 20;

    RunsCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        ServiceClient materialization = services().materialization();
        if (runIds.isEmpty()) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("project", services().project());
            query.put("feature_view", view);
            query.put("limit", limit);
            JsonNode runs = materialization.getJson("/v1/runs" + ServiceClient.query(query)).path("runs");
            if (follow) {
                List<String> active = new ArrayList<>();
                runs.forEach(run -> {
                    if (!ProgressLine.isEnded(run.path("state").asText())) {
                        active.add(run.path("run_id").asText());
                    }
                });
                if (active.isEmpty()) {
                    if (json()) {
                        printJson(Map.of("runs", List.of()));
                    }
                    else {
                        out().printf("No run of project '%s' is queued or running.%n", services().project());
                    }
                    return ExitCodes.OK;
                }
                return RunFollowing.follow(context, materialization, active, json(), pollInterval);
            }
            if (json()) {
                printJson(Map.of("runs", runs));
                return ExitCodes.OK;
            }
            print(runs);
            return ExitCodes.OK;
        }
        if (follow) {
            return RunFollowing.follow(context, materialization, runIds, json(), pollInterval);
        }
        List<JsonNode> runs = new ArrayList<>();
        for (String id : runIds) {
            runs.add(materialization.getJson("/v1/runs/" + ServiceClient.encode(id)));
        }
        if (json()) {
            printJson(Map.of("runs", runs));
            return ExitCodes.OK;
        }
        for (JsonNode run : runs) {
            out().printf("run %s of %s/%s (%s%s)%n", run.path("run_id").asText(), run.path("project").asText(), run.path("feature_view").asText(),
                    run.path("trigger").asText(), run.path("incremental").asBoolean() ? ", incremental" : "");
            out().printf("  window   %s .. %s%n", run.path("start_ts").asText("?"), run.path("end_ts").asText());
            ProgressLine line = Describe.run(run);
            out().printf("  state    %s%n", line.ended() ? line.detail() : "%s %.0f%%%s".formatted(line.state(), line.percent(),
                    line.detail().isEmpty() ? "" : ", " + line.detail()));
            out().printf("  created  %s, started %s, finished %s (attempt %d)%n", run.path("timings").path("created_at").asText(),
                    run.path("timings").path("started_at").asText("-"), run.path("timings").path("finished_at").asText("-"), run.path("attempt").asInt());
        }
        return ExitCodes.OK;
    }

    private void print(JsonNode runs) {
        if (runs.isEmpty()) {
            out().printf("No runs of project '%s'%s.%n", services().project(), view == null ? "" : " for view " + view);
            return;
        }
        Table table = new Table("RUN_ID", "FEATURE_VIEW", "TRIGGER", "STATE", "CREATED", "OUTCOME");
        for (JsonNode run : runs) {
            ProgressLine line = Describe.run(run);
            String outcome = line.ended() ? line.detail().substring(line.detail().indexOf(':') + 1).trim() : "%.0f%%%s".formatted(line.percent(),
                    line.detail().isEmpty() ? "" : ", " + line.detail());
            table.add(run.path("run_id").asText(), run.path("feature_view").asText(), run.path("trigger").asText(), run.path("state").asText(),
                    run.path("timings").path("created_at").asText(), outcome);
        }
        table.print(out());
    }
}
