package dev.featurestore.contracts.repository;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.json.ContractsJson;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A feature repository: a directory of definition files. Every {@code *.yaml}, {@code *.yml} and
 * {@code *.json} file below it (sorted by relative path, hidden directories skipped) is a partial
 * definition document holding any of the five top-level lists ({@code entities}, {@code data_sources},
 * {@code feature_views}, {@code on_demand_feature_views}, {@code feature_services}); the repository is
 * their concatenation, per list, in file order. Objects refer to each other by name across files.
 */
public final class FeatureRepository {
    /** The top-level keys a definition file may hold, in document order. */
    public static final List<String> SECTIONS = List.of(
            "entities", "data_sources", "feature_views", "on_demand_feature_views", "feature_services");

    private FeatureRepository() {
    }

    /**
     * Reads every definition file of the directory.
     *
     * @throws RepositoryException naming every unreadable file or misplaced key, with its file and line
     */
    public static LoadedRepository load(Path directory) {
        requireNonNull(directory, "directory is null");
        if (!Files.isDirectory(directory)) {
            throw new RepositoryException(List.of("%s: not a directory".formatted(directory)));
        }
        Map<String, List<Object>> document = new LinkedHashMap<>();
        SECTIONS.forEach(section -> document.put(section, new ArrayList<>()));
        Map<String, String> origins = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : definitionFiles(directory)) {
            String relative = directory.relativize(file).toString().replace('\\', '/');
            Object content;
            try {
                content = read(file);
            }
            catch (MarkedYAMLException e) {
                problems.add("%s:%d: %s".formatted(relative, e.getProblemMark().getLine() + 1, e.getProblem()));
                continue;
            }
            if (content == null) {
                continue;
            }
            if (!(content instanceof Map<?, ?> sections)) {
                problems.add("%s: expected a mapping of %s".formatted(relative, String.join(", ", SECTIONS)));
                continue;
            }
            sections.forEach((key, value) -> {
                String section = String.valueOf(key);
                if (!SECTIONS.contains(section)) {
                    problems.add("%s: unknown top-level key '%s' (expected one of %s)".formatted(relative, section, String.join(", ", SECTIONS)));
                }
                else if (!(value instanceof List<?> objects)) {
                    problems.add("%s: %s must be a list".formatted(relative, section));
                }
                else {
                    List<Object> merged = document.get(section);
                    for (int index = 0; index < objects.size(); index++) {
                        origins.put("%s[%d]".formatted(section, merged.size()), "%s: %s[%d]".formatted(relative, section, index));
                        merged.add(objects.get(index));
                    }
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new RepositoryException(problems);
        }
        document.values().removeIf(List::isEmpty);
        try {
            return new LoadedRepository(ContractsJson.mapper().writeValueAsString(document), origins);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> definitionFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files
                    .filter(Files::isRegularFile)
                    .filter(file -> !isHidden(directory, file))
                    .filter(FeatureRepository::isDefinitionFile)
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    private static boolean isHidden(Path directory, Path file) {
        for (Path part : directory.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDefinitionFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static Object read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(options)).load(reader);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
