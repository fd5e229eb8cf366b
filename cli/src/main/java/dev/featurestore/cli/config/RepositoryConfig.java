package dev.featurestore.cli.config;

import static java.util.Objects.requireNonNull;

import dev.featurestore.cli.CliException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A feature repository's {@code featurestore.yaml}: the project and where the services are. Every key is checked;
 * an unknown or misplaced one is an error naming the file, the line and the key.
 *
 * @param endpoints the service URLs the file names (each optional)
 * @param offlineStore {@code endpoint}, {@code region}, {@code bucket}, {@code staging_prefix} as given
 * @param apiKeyEnvironmentVariable the variable holding the API key ({@code auth.api_key_env})
 */
public record RepositoryConfig(
        Path file,
        Optional<String> project,
        Map<Service, String> endpoints,
        Map<String, String> offlineStore,
        Optional<String> apiKeyEnvironmentVariable) {

    public static final String FILE_NAME = "featurestore.yaml";
    static final List<String> OFFLINE_STORE_KEYS = List.of("endpoint", "region", "bucket", "staging_prefix");

    public RepositoryConfig {
        requireNonNull(file, "file is null");
        requireNonNull(project, "project is null");
        endpoints = Map.copyOf(endpoints);
        offlineStore = Map.copyOf(offlineStore);
        requireNonNull(apiKeyEnvironmentVariable, "apiKeyEnvironmentVariable is null");
    }

    /** Reads the file of a repository directory, if it has one. */
    public static Optional<RepositoryConfig> readIfPresent(Path repositoryDirectory) {
        Path file = repositoryDirectory.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    public static RepositoryConfig read(Path file) {
        Node root;
        try (Reader reader = Files.newBufferedReader(file)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            // constructing it first reports duplicate keys and bad syntax with their line
            new Yaml(new SafeConstructor(options)).load(Files.readString(file));
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        }
        catch (MarkedYAMLException e) {
            throw new CliException("%s:%d: %s".formatted(file, e.getProblemMark().getLine() + 1, e.getProblem()));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        Reading reading = new Reading(file);
        if (root == null) {
            return new RepositoryConfig(file, Optional.empty(), Map.of(), Map.of(), Optional.empty());
        }
        Map<String, Node> top = reading.mapping(root, "", List.of("project", "endpoints", "offline_store", "auth"));
        Optional<String> project = Optional.ofNullable(top.get("project")).map(node -> reading.text(node, "project"));
        Map<Service, String> endpoints = new EnumMap<>(Service.class);
        if (top.containsKey("endpoints")) {
            List<String> keys = new ArrayList<>();
            for (Service service : Service.values()) {
                keys.add(service.key());
            }
            Map<String, Node> given = reading.mapping(top.get("endpoints"), "endpoints", keys);
            for (Service service : Service.values()) {
                Node node = given.get(service.key());
                if (node != null) {
                    endpoints.put(service, reading.text(node, "endpoints." + service.key()));
                }
            }
        }
        Map<String, String> offlineStore = new LinkedHashMap<>();
        if (top.containsKey("offline_store")) {
            reading.mapping(top.get("offline_store"), "offline_store", OFFLINE_STORE_KEYS)
                    .forEach((key, node) -> offlineStore.put(key, reading.text(node, "offline_store." + key)));
        }
        Optional<String> apiKeyEnv = Optional.empty();
        if (top.containsKey("auth")) {
            Node node = reading.mapping(top.get("auth"), "auth", List.of("api_key_env")).get("api_key_env");
            if (node != null) {
                String name = reading.text(node, "auth.api_key_env");
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw reading.error(node, "auth.api_key_env: '%s' is not an environment variable name (the key itself is never written in the file)"
                            .formatted(name));
                }
                apiKeyEnv = Optional.of(name);
            }
        }
        return new RepositoryConfig(file, project, endpoints, offlineStore, apiKeyEnv);
    }

    /** The file being read, for messages with its line numbers. */
    private record Reading(Path file) {
        Map<String, Node> mapping(Node node, String where, List<String> allowed) {
            if (!(node instanceof MappingNode mapping)) {
                throw error(node, "%s must be a mapping of %s".formatted(where.isEmpty() ? "the file" : where, String.join(", ", allowed)));
            }
            Map<String, Node> values = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                if (!allowed.contains(key)) {
                    throw error(tuple.getKeyNode(), "unknown key '%s'%s (expected %s)".formatted(key, where.isEmpty() ? "" : " under " + where,
                            String.join(", ", allowed)));
                }
                values.put(key, tuple.getValueNode());
            }
            return values;
        }

        String text(Node node, String key) {
            if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
                throw error(node, "%s must be a non-empty string".formatted(key));
            }
            return scalar.getValue().trim();
        }

        CliException error(Node node, String message) {
            return new CliException("%s:%d: %s".formatted(file, node.getStartMark().getLine() + 1, message));
        }
    }
}
