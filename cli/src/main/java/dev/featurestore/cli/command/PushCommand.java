package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.data.ColumnFile;
import dev.featurestore.cli.http.ServiceClient;
import dev.featurestore.cli.registry.ProjectDefinitions;
import dev.featurestore.contracts.definition.ValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code featurestore push FILE}: rows of a local file to a push source, through serving-service. */
@Command(name = "push", description = {"Push rows of a local file to a push source.",
        "FILE is .csv, .parquet or .json; its columns are named as the push source's batch source (join keys, the timestamp field, features); CSV values take the registry's types. --to says where: online (default), offline or both."})
final class PushCommand extends BaseCommand {
    enum Destination {
        online, offline, online_and_offline
    }

    @Parameters(paramLabel = "FILE", description = "The rows: .csv, .parquet, or .json (an object of columns or a list of records).")
    Path file;

    @Option(names = {"-s", "--source"}, required = true, paramLabel = "PUSH_SOURCE", description = "The push source.")
    String source;

    @Option(names = "--to", paramLabel = "WHERE", description = "online (default), offline or online_and_offline.")
    Destination to = Destination.online;

    @Option(names = "--batch-size", paramLabel = "ROWS", description = "Rows per request (default 10000, serving's limit).")
    int batchSize = 10_000;

    PushCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        if (batchSize < 1) {
            throw new CliException("--batch-size: %d is not a positive number of rows".formatted(batchSize));
        }
        String project = services().project();
        Map<String, ValueType> columns = ProjectDefinitions.fetch(services().registry(), project).pushColumns(source);
        Map<String, List<Object>> rows = ColumnFile.read(context.resolve(file.toString()), columns);
        int count = rows.isEmpty() ? 0 : rows.values().iterator().next().size();
        if (count == 0) {
            throw new CliException("%s holds no rows".formatted(file));
        }
        long written = 0;
        long unchanged = 0;
        long expired = 0;
        List<String> objects = new ArrayList<>();
        List<JsonNode> answers = new ArrayList<>();
        JsonNode last = null;
        for (int start = 0; start < count; start += batchSize) {
            int end = Math.min(count, start + batchSize);
            Map<String, List<Object>> batch = new LinkedHashMap<>();
            final int from = start;
            rows.forEach((name, values) -> batch.put(name, values.subList(from, end)));
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("push_source_name", source);
            request.put("to", to.name());
            request.put("df", batch);
            last = services().serving().postJson("/push" + ServiceClient.query(Map.of("project", project)), request).requireSuccess().json();
            answers.add(last);
            written += last.path("online_written").asLong();
            unchanged += last.path("online_unchanged").asLong();
            expired += last.path("online_expired").asLong();
            if (last.hasNonNull("offline_object")) {
                objects.add(last.path("offline_object").asText());
            }
        }
        if (json()) {
            printJson(answers.size() == 1 ? answers.get(0) : Map.of("batches", answers));
            return ExitCodes.OK;
        }
        List<String> views = new ArrayList<>();
        last.path("feature_views").forEach(view -> views.add(view.asText()));
        out().printf("Pushed %,d row%s to %s (feature views %s)%s.%n", count, count == 1 ? "" : "s", source, String.join(", ", views),
                answers.size() > 1 ? " in %d requests".formatted(answers.size()) : "");
        if (to != Destination.offline) {
            out().printf("  online: %,d written, %,d unchanged (not newer than the stored value), %,d expired (past the ttl)%n", written, unchanged, expired);
        }
        objects.forEach(object -> out().println("  offline: " + object));
        return ExitCodes.OK;
    }
}
