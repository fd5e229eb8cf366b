package dev.featurestore.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.cli.config.ClientConfig;
import dev.featurestore.cli.config.ConfigOverrides;
import dev.featurestore.cli.config.ConfigResolver;
import dev.featurestore.cli.config.RepositoryConfig;
import dev.featurestore.cli.config.Service;
import dev.featurestore.contracts.repository.FeatureRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The init template is the example repository (examples/feature_repo) without its stream: the same objects, unchanged. */
class InitTemplateTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "feature_repo");

    @Test
    void everyTemplateObjectIsTheExampleRepositorysObjectOfThatName() throws IOException {
        Map<String, Object> examples = objects(exampleFiles());
        Map<String, Object> template = objects(InitCommand.TEMPLATE_FILES.stream().filter(file -> file.endsWith(".yaml")).map(InitCommand::template).toList());

        assertThat(template).isNotEmpty();
        template.forEach((key, object) -> assertThat(object).as(key).isEqualTo(examples.get(key)));
        // only the stream (a kafka source, its history and its view) is left out: a second project would read the demo's topic
        assertThat(examples.keySet()).containsAll(template.keySet());
        assertThat(examples.keySet().stream().filter(key -> !template.containsKey(key)))
                .containsExactlyInAnyOrder("data_sources/driver_status_src", "data_sources/driver_status_stream", "feature_views/driver_status");
    }

    @Test
    void writtenSettingsNameTheProjectAndTheResolvedEndpointsAndReadBack(@TempDir Path directory) throws IOException {
        ClientConfig config = ConfigResolver.resolve(ConfigOverrides.none(), Map.of("FEATURESTORE_SERVING_URL", "http://127.0.0.1:18082"), directory, directory);
        Files.writeString(directory.resolve(RepositoryConfig.FILE_NAME), InitCommand.featurestoreYaml("rides", config));

        RepositoryConfig read = RepositoryConfig.read(directory.resolve(RepositoryConfig.FILE_NAME));

        assertThat(read.project()).contains("rides");
        assertThat(read.endpoints()).containsEntry(Service.SERVING, "http://127.0.0.1:18082").containsEntry(Service.REGISTRY, "http://127.0.0.1:8081");
        assertThat(read.offlineStore()).containsEntry("staging_prefix", "s3://featurestore/staging/");
        assertThat(read.apiKeyEnvironmentVariable()).contains("FEATURESTORE_API_KEY");
    }

    private static List<String> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().map(file -> {
                try {
                    return Files.readString(file);
                }
                catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /** Every object of the files by {@code section/name}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> objects(List<String> files) {
        Map<String, Object> objects = new LinkedHashMap<>();
        for (String file : files) {
            Map<String, Object> document = new Yaml().load(file);
            for (String section : FeatureRepository.SECTIONS) {
                for (Object object : (List<Object>) document.getOrDefault(section, List.of())) {
                    objects.put(section + "/" + ((Map<String, Object>) object).get("name"), object);
                }
            }
        }
        return objects;
    }
}
