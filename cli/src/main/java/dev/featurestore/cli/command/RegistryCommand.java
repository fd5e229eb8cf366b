package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.Json;
import dev.featurestore.cli.http.ServiceClient;
import dev.featurestore.cli.registry.Sections;
import dev.featurestore.cli.render.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code featurestore registry list|describe}: what the registry holds for the project. */
@Command(name = "registry", description = "Read the project's definitions in the registry.",
        subcommands = {RegistryCommand.ListCommand.class, RegistryCommand.DescribeCommand.class})
final class RegistryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** The common options, given before list or describe. */
    @Mixin(name = "options")
    ClientOptions options;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "registry needs a command: list or describe");
    }

    @Command(name = "list", description = "List the project's objects (of one KIND: entity, data_source, feature_view, on_demand_feature_view, feature_service).")
    static final class ListCommand extends BaseCommand {
        @Parameters(paramLabel = "KIND", arity = "0..1", description = "Only objects of this kind (singular or plural).")
        String kind;

        ListCommand(CliContext context) {
            super(context);
        }

        @Override
        Integer run() {
            List<String> kinds = kind == null ? Sections.KINDS : List.of(Sections.kind(kind));
            String project = services().project();
            JsonNode snapshot = services().registry().getJson("/v1/projects/%s/registry".formatted(ServiceClient.encode(project)));
            List<Map<String, Object>> objects = new ArrayList<>();
            Table table = new Table("KIND", "NAME", "DETAILS");
            for (String each : kinds) {
                for (JsonNode object : snapshot.path(Sections.plural(each))) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("kind", each);
                    entry.put("name", object.path("name").asText());
                    entry.put("definition", object);
                    objects.add(entry);
                    table.add(each, object.path("name").asText(), details(each, object));
                }
            }
            if (json()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("project", project);
                result.put("registry_version", snapshot.path("registry_version").asLong());
                result.put("objects", objects);
                printJson(result);
                return ExitCodes.OK;
            }
            out().printf("Project '%s', registry version %d: %d object%s%s.%n", project, snapshot.path("registry_version").asLong(), objects.size(),
                    objects.size() == 1 ? "" : "s", kind == null ? "" : " of kind " + kinds.get(0));
            if (!objects.isEmpty()) {
                out().println();
                table.print(out());
            }
            return ExitCodes.OK;
        }

        static String details(String kind, JsonNode object) {
            return switch (kind) {
                case "entity" -> "join keys " + join(object.path("join_keys"), key -> key.path("name").asText() + " " + key.path("value_type").asText());
                case "data_source" -> switch (object.path("type").asText()) {
                    case "parquet" -> "parquet " + object.path("path").asText();
                    case "push" -> "push, batch source " + object.path("batch_source").asText();
                    case "kafka" -> "kafka topic %s, batch source %s".formatted(object.path("topic").asText(), object.path("batch_source").asText());
                    case "request" -> "request " + join(object.path("schema"), field -> field.path("name").asText() + " " + field.path("dtype").asText());
                    default -> object.path("type").asText();
                };
                case "feature_view" -> "%s; entities %s; source %s; ttl %s%s".formatted(
                        join(object.path("schema"), field -> field.path("name").asText() + " " + field.path("dtype").asText()),
                        join(object.path("entities"), JsonNode::asText), object.path("source").asText(), object.path("ttl").asText("0"),
                        object.path("online").asBoolean(true) ? "; online" : "; offline only");
                case "on_demand_feature_view" -> "%s; from %s".formatted(
                        join(object.path("schema"), field -> field.path("name").asText() + " " + field.path("dtype").asText()),
                        join(object.path("sources"), JsonNode::asText));
                case "feature_service" -> join(object.path("features"), item -> item.path("feature_view").asText()
                        + (item.has("features") ? ":" + join(item.path("features"), JsonNode::asText).replace(", ", ",") : ":*"));
                default -> "";
            };
        }

        private static String join(JsonNode list, Function<JsonNode, String> text) {
            StringJoiner joiner = new StringJoiner(", ");
            list.forEach(item -> joiner.add(text.apply(item)));
            return joiner.toString();
        }
    }

    @Command(name = "describe", description = "Show one object: its definition, version and when it was written.")
    static final class DescribeCommand extends BaseCommand {
        @Parameters(paramLabel = "KIND_OR_NAME", description = "The kind (optional when the name is unique in the project), then the name.", arity = "1..2")
        List<String> words;

        DescribeCommand(CliContext context) {
            super(context);
        }

        @Override
        Integer run() {
            String project = services().project();
            String name = words.get(words.size() - 1);
            String kind = words.size() == 2 ? Sections.kind(words.get(0)) : kindOf(project, name);
            JsonNode object = services().registry().getJson("/v1/projects/%s/%s/%s".formatted(ServiceClient.encode(project), Sections.plural(kind),
                    ServiceClient.encode(name)));
            if (json()) {
                printJson(object);
                return ExitCodes.OK;
            }
            out().printf("%s %s (version %d, registry version %d, written %s)%n%n", kind, name, object.path("version").asLong(),
                    object.path("registry_version").asLong(), object.path("created_at").asText());
            DumperOptions dumper = new DumperOptions();
            dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            out().print(new Yaml(dumper).dump(Json.MAPPER.convertValue(object.path("definition"), Object.class)));
            return ExitCodes.OK;
        }

        private String kindOf(String project, String name) {
            JsonNode snapshot = services().registry().getJson("/v1/projects/%s/registry".formatted(ServiceClient.encode(project)));
            List<String> found = new ArrayList<>();
            for (String kind : Sections.KINDS) {
                for (JsonNode object : snapshot.path(Sections.plural(kind))) {
                    if (object.path("name").asText().equals(name)) {
                        found.add(kind);
                    }
                }
            }
            if (found.isEmpty()) {
                throw new CliException("project '%s' has no object named '%s' (featurestore registry list shows them)".formatted(project, name));
            }
            if (found.size() > 1) {
                throw new CliException("'%s' names a %s: say which, e.g. featurestore registry describe %s %s".formatted(name, String.join(" and a ", found),
                        found.get(0), name));
            }
            return found.get(0);
        }
    }
}
