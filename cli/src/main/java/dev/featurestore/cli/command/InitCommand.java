package dev.featurestore.cli.command;

import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.config.ClientConfig;
import dev.featurestore.cli.config.RepositoryConfig;
import dev.featurestore.cli.config.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code featurestore init NAME}: a new feature repository with example definitions, ready to plan and apply. */
@Command(name = "init", description = {"Scaffold a new feature repository.",
        "Makes the directory NAME (or --repo DIR) with featurestore.yaml naming project NAME and the endpoints, and example definitions (entities, sources, feature views, an on-demand view, feature services) over the dev stack's demo data."})
final class InitCommand extends BaseCommand {
    /** The template's files, under {@code init-template/} of the jar. */
    static final List<String> TEMPLATE_FILES = List.of(
            "entities.yaml", "sources.yaml", "driver_features.yaml", "customer_features.yaml", "on_demand.yaml", "services.yaml", "README.md");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,127}");

    @Parameters(paramLabel = "NAME", description = "The project's name (lower-case letters, digits and _), and the directory made for it.")
    String name;

    InitCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        if (!NAME.matcher(name).matches()) {
            throw new CliException("NAME: '%s' is not a project name (lower-case letters, digits and _, starting with a letter, at most 128)".formatted(name));
        }
        Path directory = options.repository == null ? context.resolve(name) : context.resolve(options.repository);
        if (Files.exists(directory) && !isEmptyDirectory(directory)) {
            throw new CliException("%s already exists and is not empty: choose another name or directory (--repo DIR)".formatted(directory));
        }
        ClientConfig config = config();
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(RepositoryConfig.FILE_NAME), featurestoreYaml(name, config));
            for (String file : TEMPLATE_FILES) {
                Files.writeString(directory.resolve(file), template(file).replace("{{project}}", name));
            }
        }
        catch (IOException e) {
            throw new CliException("cannot write the repository into %s: %s".formatted(directory, e.getMessage()), e);
        }
        if (json()) {
            printJson(java.util.Map.of("project", name, "directory", directory.toString(),
                    "files", Stream.concat(Stream.of(RepositoryConfig.FILE_NAME), TEMPLATE_FILES.stream()).toList()));
            return ExitCodes.OK;
        }
        out().printf("Created the feature repository of project '%s' in %s:%n", name, directory);
        out().printf("  %s (project and endpoints)%n", RepositoryConfig.FILE_NAME);
        TEMPLATE_FILES.forEach(file -> out().println("  " + file));
        out().printf("%nNext:%n  cd %s%n  featurestore plan%n  featurestore apply%n", context.workingDirectory().relativize(directory));
        return ExitCodes.OK;
    }

    /** The project, the endpoints as resolved now (the dev stack's by default), where the key comes from. */
    static String featurestoreYaml(String project, ClientConfig config) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# The feature repository's settings; environment variables and command-line options override them.\n");
        yaml.append("project: ").append(project).append('\n');
        yaml.append("endpoints:\n");
        for (Service service : Service.values()) {
            yaml.append("  %s: %s%n".formatted(service.key(), config.endpoint(service)));
        }
        yaml.append("offline_store:                  # S3 API used to upload entity files and read training-set results\n");
        yaml.append("  endpoint: ").append(config.offlineStore().endpoint().value()).append('\n');
        yaml.append("  region: ").append(config.offlineStore().region().value()).append('\n');
        yaml.append("  bucket: ").append(config.offlineStore().bucket().value()).append('\n');
        yaml.append("  staging_prefix: ").append(config.offlineStore().stagingPrefix().value()).append('\n');
        yaml.append("auth:\n");
        yaml.append("  api_key_env: FEATURESTORE_API_KEY            # the key itself is never written in the file\n");
        return yaml.toString();
    }

    static String template(String file) {
        try (InputStream in = InitCommand.class.getResourceAsStream("/init-template/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks init-template/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmptyDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
