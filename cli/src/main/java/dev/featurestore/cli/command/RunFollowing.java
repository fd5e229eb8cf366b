package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.follow.Follower;
import dev.featurestore.cli.follow.InterruptNotice;
import dev.featurestore.cli.follow.ProgressDisplay;
import dev.featurestore.cli.http.ServiceClient;
import java.util.List;
import java.util.Map;

/** Follows materialization runs to their end (or says how to, when not following), for materialize, materialize-incremental and runs. */
final class RunFollowing {
    private RunFollowing() {
    }

    static String followCommand(List<String> runIds) {
        return "featurestore runs --follow " + String.join(" ", runIds);
    }

    /**
     * Follows the runs until each ended; prints their progress (text) or their last states (json).
     *
     * @return 0 when every run succeeded, else 1
     */
    static int follow(CliContext context, ServiceClient materialization, List<String> runIds, boolean json, java.time.Duration pollInterval) {
        List<JsonNode> runs;
        try (InterruptNotice ignored = InterruptNotice.install(context.err(),
                "Stopped following; the run%s keep%s going in materialization-service. Follow again with:".formatted(
                        runIds.size() == 1 ? "" : "s", runIds.size() == 1 ? "s" : ""),
                "  " + followCommand(runIds))) {
            ProgressDisplay display = json ? ProgressDisplay.of(context.err(), false) : ProgressDisplay.of(context.out(), context.terminal());
            runs = Follower.runs(materialization, display, pollInterval).follow(runIds);
        }
        if (json) {
            dev.featurestore.cli.Json.print(context.out(), Map.of("runs", runs));
        }
        long failed = runs.stream().filter(run -> !run.path("state").asText().equals("succeeded")).count();
        if (failed > 0) {
            context.err().printf("error: %d of %d run%s did not succeed%n", failed, runs.size(), runs.size() == 1 ? "" : "s");
            return ExitCodes.ERROR;
        }
        return ExitCodes.OK;
    }
}
