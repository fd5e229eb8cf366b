package dev.featurestore.cli.repository;

import dev.featurestore.cli.CliException;
import dev.featurestore.cli.config.RepositoryConfig;
import dev.featurestore.contracts.repository.FeatureRepository;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a feature repository: every {@code *.yaml} and {@code *.yml} file below the directory but its
 * {@code featurestore.yaml} (hidden files and directories skipped), sorted by relative path. Each file is parsed
 * here first, with its line numbers: bad YAML, a duplicate key, a top-level key that is not a section or a section
 * that is not a list is reported with its file and line, and nothing is sent.
 */
public final class DefinitionRepository {
    private DefinitionRepository() {
    }

    public static RepositoryDocument read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new CliException("%s is not a directory (pass the feature repository with --repo, or run in it)".formatted(directory));
        }
        List<String> files = definitionFiles(directory);
        List<String> problems = new ArrayList<>();
        List<ObjectOrigin> objects = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder stream = new StringBuilder();
        for (String file : files) {
            String text;
            try {
                text = Files.readString(directory.resolve(file));
            }
            catch (MalformedInputException e) {
                problems.add("%s: not UTF-8 text".formatted(file));
                continue;
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + directory.resolve(file), e);
            }
            List<Node> documents = parse(file, text, problems);
            if (documents == null) {
                continue;
            }
            for (Node document : documents) {
                collect(file, document, counts, objects, problems);
            }
            if (!stream.isEmpty()) {
                stream.append("---\n");
            }
            stream.append(text);
            if (!text.endsWith("\n")) {
                stream.append('\n');
            }
        }
        if (!problems.isEmpty()) {
            throw new RepositoryException(directory.toString(), problems);
        }
        if (objects.isEmpty()) {
            throw new CliException(("%s holds no definitions (YAML files with entities, data_sources, feature_views, on_demand_feature_views or "
                    + "feature_services besides %s); to delete a project's definitions use featurestore teardown").formatted(directory, RepositoryConfig.FILE_NAME));
        }
        return new RepositoryDocument(stream.toString(), files, objects);
    }

    /** The definition files, relative to the directory with {@code /} separators, sorted. */
    static List<String> definitionFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace('\\', '/'))
                    .filter(relative -> relative.endsWith(".yaml") || relative.endsWith(".yml"))
                    .filter(relative -> !relative.equals(RepositoryConfig.FILE_NAME))
                    .filter(relative -> Stream.of(relative.split("/")).noneMatch(part -> part.startsWith(".")))
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    /** The file's documents, or null after adding its problem (syntax, duplicate keys, tags) with its line. */
    private static List<Node> parse(String file, String text, List<String> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        try {
            // what the registry will do with it: construct every value (duplicate keys, unknown tags, aliases)
            for (Object ignored : new Yaml(new SafeConstructor(options)).loadAll(text)) {
                // constructing is the check
            }
            List<Node> documents = new ArrayList<>();
            for (Node node : new Yaml(new SafeConstructor(options)).composeAll(new StringReader(text))) {
                if (node != null) {
                    documents.add(node);
                }
            }
            return documents;
        }
        catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add("%s:%d: invalid YAML: %s".formatted(file, mark == null ? 1 : mark.getLine() + 1,
                    Optional.ofNullable(e.getProblem()).orElse(e.getMessage()).trim()));
            return null;
        }
        catch (YAMLException e) {
            problems.add("%s: invalid YAML: %s".formatted(file, e.getMessage().lines().findFirst().orElse("unreadable")));
            return null;
        }
    }

    private static void collect(String file, Node document, Map<String, Integer> counts, List<ObjectOrigin> objects, List<String> problems) {
        if (document instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
            return;
        }
        if (!(document instanceof MappingNode mapping)) {
            problems.add("%s:%d: expected a mapping of %s".formatted(file, line(document), String.join(", ", FeatureRepository.SECTIONS)));
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
            if (!FeatureRepository.SECTIONS.contains(key)) {
                problems.add("%s:%d: unknown top-level key '%s' (expected one of %s)%s".formatted(file, line(tuple.getKeyNode()), key,
                        String.join(", ", FeatureRepository.SECTIONS), suggestion(key)));
                continue;
            }
            if (!(tuple.getValueNode() instanceof SequenceNode sequence)) {
                problems.add("%s:%d: %s must be a list (write %s: [] for none)".formatted(file, line(tuple.getValueNode()), key, key));
                continue;
            }
            int localIndex = 0;
            for (Node item : sequence.getValue()) {
                int index = counts.merge(key, 1, Integer::sum) - 1;
                objects.add(new ObjectOrigin(key, index, file, localIndex++, name(item), item));
            }
        }
    }

    private static Optional<String> name(Node item) {
        if (item instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("name") && tuple.getValueNode() instanceof ScalarNode value) {
                    return Optional.of(value.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static String suggestion(String key) {
        for (String section : FeatureRepository.SECTIONS) {
            if (section.startsWith(key) || key.startsWith(section) || (section + "s").equals(key) || section.equals(key + "s")) {
                return "; did you mean '%s'?".formatted(section);
            }
        }
        return "";
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
