package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.ExitCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code featurestore materialize START END}: copies the window's latest values of each view into the online store. */
@Command(name = "materialize", description = {"Copy a window of offline values into the online store.",
        "Materializes [START, END] of the project's online feature views (or --views): one run per view, followed to the end (a progress bar on a terminal, plain lines otherwise). Timestamps: 2026-11-21T10:00:00Z, 2026-11-21 (midnight UTC), now, now-2d. Exit code 0: every run succeeded; 1: one did not, or an error."})
final class MaterializeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "START", description = "Start of the window (inclusive).")
    String start;

    @Parameters(index = "1", paramLabel = "END", description = "End of the window (inclusive).")
    String end;

    @Option(names = "--views", split = ",", paramLabel = "VIEW", description = "Only these feature views (comma-separated; default: every online view).")
    List<String> views;

    @Option(names = {"--no-follow", "--detach"}, description = "Return once the runs are queued, printing their ids.")
    boolean detach;

    MaterializeCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        Instant from = TimeArguments.parse(start, "START", context.clock());
        Instant to = TimeArguments.parse(end, "END", context.clock());
        if (from.isAfter(to)) {
            throw new dev.featurestore.cli.CliException("START (%s) is after END (%s)".formatted(from, to));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", services().project());
        if (views != null) {
            body.put("feature_views", views);
        }
        body.put("start_ts", from.toString());
        body.put("end_ts", to.toString());
        JsonNode queued = services().materialization().postJson("/v1/materialize", body).requireSuccess().json();
        return queued(context, this, queued, "window %s .. %s".formatted(from, to), detach);
    }

    /** Prints the queued runs, then follows them unless detached. */
    static int queued(CliContext context, BaseCommand command, JsonNode queued, String what, boolean detach) {
        List<String> ids = new ArrayList<>();
        queued.path("runs").forEach(run -> ids.add(run.path("run_id").asText()));
        if (ids.isEmpty()) {
            if (command.json()) {
                command.printJson(Map.of("runs", List.of()));
            }
            else {
                command.out().println("No runs queued (the project has no online feature view to materialize).");
            }
            return ExitCodes.OK;
        }
        if (!command.json()) {
            command.out().printf("Queued %d run%s of project '%s' (%s):%n", ids.size(), ids.size() == 1 ? "" : "s", command.services().project(), what);
            queued.path("runs").forEach(run -> command.out().printf("  %s  %s%n", run.path("run_id").asText(), run.path("feature_view").asText()));
        }
        if (detach) {
            if (command.json()) {
                command.printJson(queued);
            }
            else {
                command.out().println("Follow them with: " + RunFollowing.followCommand(ids));
            }
            return ExitCodes.OK;
        }
        return RunFollowing.follow(context, command.services().materialization(), ids, command.json(), command.pollInterval);
    }
}
