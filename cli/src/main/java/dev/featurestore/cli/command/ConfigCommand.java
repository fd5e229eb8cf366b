package dev.featurestore.cli.command;

import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.render.Table;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code featurestore config}: the configuration as resolved, and where each value came from. */
@Command(name = "config", description = {"Show the resolved configuration and where each value comes from.",
        "The project, the endpoints, the offline store and the API key (masked)."})
final class ConfigCommand extends BaseCommand {
    ConfigCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        Map<String, Map<String, String>> settings = config().describe();
        if (json()) {
            printJson(settings);
            return ExitCodes.OK;
        }
        Table table = new Table("SETTING", "VALUE", "FROM");
        settings.forEach((name, setting) -> table.add(name, setting.get("value"), setting.get("from")));
        if (!settings.containsKey("project")) {
            table.add("project", "(none)", "pass --project, set FEATURESTORE_PROJECT or write it in featurestore.yaml");
        }
        if (!settings.containsKey("api_key")) {
            table.add("api_key", "(none)", "set FEATURESTORE_API_KEY");
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
