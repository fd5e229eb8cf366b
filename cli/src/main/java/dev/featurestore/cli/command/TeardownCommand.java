package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.http.ServiceClient;
import dev.featurestore.cli.registry.Plan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code featurestore teardown}: deletes the project and every definition in it, after a confirmation. */
@Command(name = "teardown", description = {"Delete the project and every definition in it.",
        "Asks to type the project's name first (--yes: no question). The registry keeps the history; the services then forget the project's online values and schedules."})
final class TeardownCommand extends BaseCommand {
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    TeardownCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        String project = services().project();
        ServiceClient registry = services().registry();
        String path = "/v1/projects/%s".formatted(ServiceClient.encode(project));
        Plan plan = Plan.of(project, registry.delete(path + ServiceClient.query(Map.of("cascade", true, "dry_run", true))).requireSuccess().json(), List.of());
        long objects = plan.changes().stream().filter(change -> !change.kind().equals("project")).count();
        if (!yes) {
            if (json()) {
                throw new CliException("teardown with --output json needs --yes (there is no one to ask)");
            }
            out().printf("This deletes project '%s' and its %d definition%s:%n", project, objects, objects == 1 ? "" : "s");
            plan.changes().stream().filter(change -> !change.kind().equals("project"))
                    .forEach(change -> out().printf("  - %-23s %s%n", change.kind(), change.name()));
            out().printf("Type the project's name (%s) to delete it: ", project);
            out().flush();
            String answer = readLine();
            if (answer == null || !answer.trim().equals(project)) {
                context.err().printf("error: not confirmed: project '%s' was not deleted%s%n", project, answer == null ? " (no answer on standard input; pass --yes)" : "");
                return ExitCodes.ERROR;
            }
        }
        JsonNode deleted = registry.delete(path + ServiceClient.query(Map.of("cascade", true, "expected_registry_version", plan.registryVersion())))
                .requireSuccess().json();
        if (json()) {
            printJson(Map.of("project", project, "deleted", true, "registry_version", deleted.path("registry_version").asLong(),
                    "objects_deleted", objects));
        }
        else {
            out().printf("Deleted project '%s' (%d definition%s).%n", project, objects, objects == 1 ? "" : "s");
        }
        return ExitCodes.OK;
    }

    private String readLine() {
        try {
            return new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
        }
        catch (IOException e) {
            throw new CliException("cannot read the confirmation: " + e.getMessage(), e);
        }
    }
}
