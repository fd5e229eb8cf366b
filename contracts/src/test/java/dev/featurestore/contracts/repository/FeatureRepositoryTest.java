package dev.featurestore.contracts.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.validation.DefinitionDocuments;
import dev.featurestore.contracts.validation.DefinitionParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureRepositoryTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "feature_repo");

    @Test
    void exampleRepositoryIsAValidDocument() {
        LoadedRepository repository = FeatureRepository.load(EXAMPLE);

        DefinitionParseResult result = DefinitionDocuments.parse(repository.json());

        assertThat(result.messages()).isEmpty();
        DefinitionDocument document = result.document();
        assertThat(document.entities()).extracting("name").containsExactly("driver", "customer", "route");
        assertThat(document.entities().get(2).joinKeys()).hasSize(2);
        assertThat(document.featureViews()).extracting("name").containsExactly("customer_profile", "route_traffic", "driver_hourly", "driver_status");
        assertThat(document.onDemandFeatureViews()).extracting("name").containsExactly("ride_quote");
        assertThat(document.featureServices()).extracting("name").containsExactly("dispatch_v1", "growth_v1");
    }

    @Test
    void mergesFilesInPathOrderAndLocatesErrorsInTheirFile(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("a.yaml"), """
                entities:
                  - {name: driver, join_keys: [{name: driver_id, value_type: INT64}]}
                """);
        Files.createDirectories(directory.resolve("views"));
        Files.writeString(directory.resolve("views/b.yaml"), """
                data_sources:
                  - {name: src, type: parquet, path: "s3://b/p/", timestamp_field: ts}
                feature_views:
                  - {name: good, entities: [driver], source: src, schema: [{name: x, dtype: INT64}]}
                  - {name: bad, entities: [driver], source: src, schema: [{name: y, dtype: FLOAT}]}
                """);

        LoadedRepository repository = FeatureRepository.load(directory);
        DefinitionParseResult result = DefinitionDocuments.parse(repository.json());

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("feature_views[1].schema[0].dtype");
            assertThat(repository.locate(error.path())).isEqualTo("views/b.yaml: feature_views[1].schema[0].dtype");
        });
    }

    @Test
    void reportsEveryUnreadableFileWithItsLine(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("a.yaml"), "entities:\n  - name: x\n   bad: indentation\n");
        Files.writeString(directory.resolve("b.yaml"), "features:\n  - {name: y}\n");
        Files.writeString(directory.resolve("c.yaml"), "feature_views: {name: z}\n");
        Files.writeString(directory.resolve("notes.txt"), "not a definition file");

        assertThatThrownBy(() -> FeatureRepository.load(directory))
                .isInstanceOfSatisfying(RepositoryException.class, error -> assertThat(error.problems()).satisfiesExactly(
                        problem -> assertThat(problem).startsWith("a.yaml:3: "),
                        problem -> assertThat(problem).isEqualTo("b.yaml: unknown top-level key 'features' (expected one of "
                                + "entities, data_sources, feature_views, on_demand_feature_views, feature_services)"),
                        problem -> assertThat(problem).isEqualTo("c.yaml: feature_views must be a list")));
    }

    @Test
    void skipsHiddenDirectories(@TempDir Path directory) throws IOException {
        Files.createDirectories(directory.resolve(".git"));
        Files.writeString(directory.resolve(".git/config.yaml"), "whatever: true\n");
        Files.writeString(directory.resolve("a.yaml"), "entities:\n  - {name: driver, join_keys: [{name: id, value_type: INT64}]}\n");

        assertThat(DefinitionDocuments.parse(FeatureRepository.load(directory).json()).isValid()).isTrue();
    }
}
