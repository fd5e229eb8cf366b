package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code featurestore materialize-incremental END}: each view from where its last run ended up to END. */
@Command(name = "materialize-incremental", description = {"Copy what is new since the last run into the online store.",
        "Materializes each online feature view (or --views) from where its last run ended (else END minus its ttl) up to END, followed to the end."})
final class MaterializeIncrementalCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "END", description = "End of the window (inclusive): a timestamp, or now.")
    String end;

    @Option(names = "--views", split = ",", paramLabel = "VIEW", description = "Only these feature views (comma-separated; default: every online view).")
    List<String> views;

    @Option(names = {"--no-follow", "--detach"}, description = "Return once the runs are queued, printing their ids.")
    boolean detach;

    MaterializeIncrementalCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        Instant to = TimeArguments.parse(end, "END", context.clock());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", services().project());
        if (views != null) {
            body.put("feature_views", views);
        }
        body.put("end_ts", to.toString());
        JsonNode queued = services().materialization().postJson("/v1/materialize-incremental", body).requireSuccess().json();
        return MaterializeCommand.queued(context, this, queued, "incremental, up to " + to, detach);
    }
}
