package dev.featurestore.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.cli.registry.Plan;
import dev.featurestore.cli.repository.DefinitionRepository;
import dev.featurestore.cli.repository.RepositoryDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRendererTest {
    @TempDir
    Path repository;

    private RepositoryDocument document;

    @BeforeEach
    void writeRepository() throws IOException {
        Files.writeString(repository.resolve("entities.yaml"), """
                entities:
                  - name: driver
                    join_keys: [{name: driver_id, value_type: INT64}]
                """);
        Files.writeString(repository.resolve("views.yaml"), """
                feature_views:
                  - name: driver_hourly
                    entities: [driver]
                    source: driver_src
                    schema:
                      - {name: conv_rate, dtype: FLOAT64}
                      - {name: trips_today, dtype: FLOAT64}
                """);
        document = DefinitionRepository.read(repository);
    }

    @Test
    void showsEachChangedObjectWithItsDiffsAndCountsTheUnchanged() {
        Plan plan = new Plan("rides", 4, true, List.of(
                new Plan.Change("entity", "driver", "unchanged", List.of()),
                new Plan.Change("data_source", "driver_src", "create", List.of()),
                new Plan.Change("feature_view", "driver_hourly", "update", List.of("schema.acc_rate: (none) -> {name: \"acc_rate\", dtype: FLOAT64}")),
                new Plan.Change("feature_service", "old_service", "delete", List.of())), List.of());

        assertThat(PlanRenderer.render(plan, document, false)).containsExactly(
                "Plan for project 'rides' (registry version 4):",
                "",
                "  + data_source             driver_src",
                "  ~ feature_view            driver_hourly",
                "        schema.acc_rate: (none) -> {name: \"acc_rate\", dtype: FLOAT64}",
                "  - feature_service         old_service",
                "",
                "1 to create, 1 to update, 1 to delete, 1 unchanged.");
    }

    @Test
    void namesBreakingChangesWithTheFileAndLineTheyWereWrittenAt() {
        Plan plan = new Plan("rides", 7, true, List.of(
                new Plan.Change("entity", "driver", "unchanged", List.of()),
                new Plan.Change("feature_view", "driver_hourly", "update", List.of("schema.trips_today.dtype: INT64 -> FLOAT64"))),
                List.of(new Plan.BreakingChange("feature_views.driver_hourly.schema.trips_today.dtype", "INT64 -> FLOAT64: dtype changed (breaking)")));

        List<String> lines = PlanRenderer.render(plan, document, false);

        assertThat(lines).containsSubsequence(
                "  ! feature_view            driver_hourly   (breaking)",
                "        schema.trips_today.dtype: INT64 -> FLOAT64",
                "Breaking changes (apply refuses them without --allow-breaking):",
                "  ! views.yaml:7: feature_views.driver_hourly.schema.trips_today.dtype: INT64 -> FLOAT64: dtype changed (breaking)",
                "0 to create, 1 to update, 0 to delete, 1 unchanged.");
    }

    @Test
    void appliedPlanSaysSoAndANewProjectIsNamedAsSuch() {
        Plan created = new Plan("rides", 0, true, List.of(new Plan.Change("entity", "driver", "create", List.of())), List.of());
        Plan applied = new Plan("rides", 1, false, List.of(new Plan.Change("entity", "driver", "create", List.of())), List.of());

        assertThat(PlanRenderer.render(created, document, false).get(0)).isEqualTo("Plan for project 'rides' (registry version 0, a new project):");
        assertThat(PlanRenderer.render(applied, document, true)).first().isEqualTo("Applied to project 'rides' (registry version 1):");
        assertThat(PlanRenderer.render(applied, document, true)).last().isEqualTo("Done: 1 to create, 0 to update, 0 to delete, 0 unchanged.");
    }

    @Test
    void noChangesIsOneLine() {
        Plan plan = new Plan("rides", 9, true, List.of(new Plan.Change("entity", "driver", "unchanged", List.of()),
                new Plan.Change("feature_view", "driver_hourly", "unchanged", List.of())), List.of());

        assertThat(PlanRenderer.render(plan, document, false))
                .containsExactly("No changes: project 'rides' matches the repository (registry version 9, 2 objects).");
    }
}
