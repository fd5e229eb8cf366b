package dev.featurestore.cli.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionRepositoryTest {
    @TempDir
    Path repository;

    @Test
    void concatenatesTheDefinitionFilesInPathOrderWithoutTheSettingsOrHiddenFiles() throws IOException {
        write("featurestore.yaml", "project: rides\n");
        write("b/views.yml", "feature_views:\n  - {name: second}\n");
        write("a.yaml", "entities:\n  - {name: first}\nfeature_views:\n  - {name: first_view}\n");
        write(".hidden/x.yaml", "entities: [{name: hidden}]\n");
        write("notes.txt", "not a definition");
        write("b/empty.yaml", "# nothing yet\n");

        RepositoryDocument document = DefinitionRepository.read(repository);

        assertThat(document.files()).containsExactly("a.yaml", "b/empty.yaml", "b/views.yml");
        assertThat(document.stream()).isEqualTo("entities:\n  - {name: first}\nfeature_views:\n  - {name: first_view}\n---\n# nothing yet\n---\n"
                + "feature_views:\n  - {name: second}\n");
        assertThat(document.object("feature_views", 1)).get().satisfies(origin -> {
            assertThat(origin.file()).isEqualTo("b/views.yml");
            assertThat(origin.localIndex()).isZero();
            assertThat(origin.line()).isEqualTo(2);
        });
    }

    @Test
    void locatesTheRegistrysIndexAndNamePathsDownToTheValue() throws IOException {
        write("a_entities.yaml", "entities:\n  - name: driver\n    join_keys: [{name: driver_id, value_type: INT64}]\n");
        write("b_views.yaml", """
                feature_views:
                  - name: first
                    schema: [{name: x, dtype: INT64}]
                  - name: driver_hourly
                    entities: [driver]
                    schema:
                      - {name: conv_rate, dtype: FLOAT64}
                      - name: trips_today
                        dtype: FLOAT
                feature_services:
                  - name: svc
                    features:
                      - {feature_view: driver_hourly, features: [conv_rate]}
                """);
        RepositoryDocument document = DefinitionRepository.read(repository);

        assertThat(document.describe("feature_views[1].schema[1].dtype", "unknown type 'FLOAT'"))
                .isEqualTo("b_views.yaml:9: feature_views[1].schema[1].dtype: unknown type 'FLOAT'");
        assertThat(document.describe("feature_views.driver_hourly.schema.trips_today.dtype", "INT64 -> FLOAT: changed"))
                .isEqualTo("b_views.yaml:9: feature_views.driver_hourly.schema.trips_today.dtype: INT64 -> FLOAT: changed");
        assertThat(document.describe("feature_services.svc.features.driver_hourly", "unknown")).startsWith("b_views.yaml:13: ");
        assertThat(document.describe("feature_views[1].ttl", "required")).isEqualTo("b_views.yaml:4: feature_views[1].ttl: required");
        assertThat(document.describe("entities[0].join_keys[0].value_type", "bad")).isEqualTo("a_entities.yaml:3: entities[0].join_keys[0].value_type: bad");
        assertThat(document.describe("document", "something else")).isEqualTo("document: something else");
        assertThat(document.describe("feature_views.unknown_view.schema", "gone")).isEqualTo("feature_views.unknown_view.schema: gone");
    }

    @Test
    void badFilesAreNamedWithTheirLineAndNothingIsSent() throws IOException {
        write("good.yaml", "entities:\n  - {name: driver, join_keys: [{name: driver_id, value_type: INT64}]}\n");
        write("views.yaml", "feature_views:\n  - name: a\n    schema: [\n      {name: x, dtype: INT64}\n");
        write("more/typo.yaml", "feature_view:\n  - {name: b}\n");
        write("more/twice.yaml", "entities:\n  - name: c\n    name: d\n");
        write("more/scalar.yaml", "data_sources: none\n");

        assertThatThrownBy(() -> DefinitionRepository.read(repository))
                .isInstanceOfSatisfying(CliException.class, error -> {
                    assertThat(error.getMessage()).contains("has 4 problems (nothing was sent)");
                    assertThat(error.details()).satisfiesExactly(
                            scalar -> assertThat(scalar).isEqualTo("more/scalar.yaml:1: data_sources must be a list (write data_sources: [] for none)"),
                            twice -> assertThat(twice).startsWith("more/twice.yaml:3: invalid YAML: found duplicate key name"),
                            typo -> assertThat(typo).startsWith("more/typo.yaml:1: unknown top-level key 'feature_view'").endsWith("did you mean 'feature_views'?"),
                            unclosed -> assertThat(unclosed).startsWith("views.yaml:5: invalid YAML:"));
                });
    }

    @Test
    void aRepositoryWithoutDefinitionsIsRefused() throws IOException {
        write("featurestore.yaml", "project: rides\n");

        assertThatThrownBy(() -> DefinitionRepository.read(repository)).isInstanceOf(CliException.class).hasMessageContaining("holds no definitions");
        assertThatThrownBy(() -> DefinitionRepository.read(repository.resolve("missing"))).isInstanceOf(CliException.class).hasMessageContaining("is not a directory");
    }

    private void write(String file, String content) throws IOException {
        Path path = repository.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
