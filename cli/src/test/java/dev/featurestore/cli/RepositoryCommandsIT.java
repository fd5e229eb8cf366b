package dev.featurestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A feature repository's life against the real registry: init, plan and apply (exit codes, the diff, breaking changes
 * refused without --allow-breaking), a bad file named with its line and nothing written, the registry read back, and
 * teardown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepositoryCommandsIT {
    private static final String PROJECT = "cli_init_" + Long.toString(System.nanoTime() % 1_000_000, 36);

    private Path workingDirectory;
    private TestDevStack stack;
    private CliRunner cli;
    private Path repository;

    @BeforeAll
    void startStack() throws IOException {
        stack = TestDevStack.shared();
        workingDirectory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "repository-it-").toAbsolutePath();
        cli = new CliRunner(stack.environment(), workingDirectory);
    }

    @Test
    @Order(1)
    void initScaffoldsARepositoryThatPlansAndAppliesCleanly() {
        CliRunner.Result init = cli.run("init", PROJECT);
        repository = workingDirectory.resolve(PROJECT);
        CliRunner inRepository = cli.in(repository);

        CliRunner.Result plan = inRepository.run("plan");
        CliRunner.Result apply = inRepository.run("apply");
        CliRunner.Result again = inRepository.run("plan");

        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(repository.resolve("featurestore.yaml")).content().contains("project: " + PROJECT).contains(stack.serviceUrl("registry"));
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.CHANGES);
        assertThat(plan.out()).contains("Plan for project '%s' (registry version 0, a new project):".formatted(PROJECT))
                .contains("  + entity                  driver")
                .contains("  + feature_view            driver_hourly")
                .contains("  + on_demand_feature_view  ride_quote")
                .contains("14 to create, 0 to update, 0 to delete, 0 unchanged.");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(apply.out()).contains("Applied to project '%s' (registry version 1):".formatted(PROJECT)).contains("Done: 14 to create");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).isEqualTo("No changes: project '%s' matches the repository (registry version 1, 14 objects).%n".formatted(PROJECT));
        JsonNode snapshot = StackHttp.get(stack, "registry", "/v1/projects/%s/registry".formatted(PROJECT)).json();
        assertThat(snapshot.path("feature_services").findValuesAsText("name")).containsExactlyInAnyOrder("dispatch_v1", "growth_v1");
    }

    @Test
    @Order(2)
    void aCompatibleChangeIsPlannedWithItsDiffAndApplied() throws IOException {
        edit("driver_features.yaml", "      - {name: trips_today, dtype: INT64}\n",
                "      - {name: trips_today, dtype: INT64}\n      - {name: trips_week, dtype: INT64}\n");

        CliRunner.Result plan = cli.in(repository).run("plan");
        CliRunner.Result json = cli.in(repository).run("plan", "--output", "json");
        CliRunner.Result apply = cli.in(repository).run("apply");

        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.CHANGES);
        assertThat(plan.out()).contains("  ~ feature_view            driver_hourly\n        schema.trips_week: (none) -> {name: \"trips_week\", dtype: INT64}\n")
                .contains("0 to create, 1 to update, 0 to delete, 13 unchanged.");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.CHANGES);
        JsonNode parsed = Json.MAPPER.readTree(json.out());
        assertThat(parsed.path("summary").path("update").asInt()).isEqualTo(1);
        assertThat(parsed.path("has_changes").asBoolean()).isTrue();
        assertThat(parsed.path("breaking_changes")).isEmpty();
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(apply.out()).contains("Applied to project '%s' (registry version 2):".formatted(PROJECT));
    }

    @Test
    @Order(3)
    void aBreakingChangeIsNamedWithItsFileAndLineAndRefusedUntilAllowed() throws IOException {
        edit("driver_features.yaml", "{name: trips_today, dtype: INT64}", "{name: trips_today, dtype: FLOAT64}");
        int line = lineOf("driver_features.yaml", "trips_today, dtype: FLOAT64");

        CliRunner.Result plan = cli.in(repository).run("plan");
        CliRunner.Result refused = cli.in(repository).run("apply");
        long versionAfterRefusal = StackHttp.get(stack, "registry", "/v1/projects/" + PROJECT).json().path("registry_version").asLong();
        CliRunner.Result allowedPlan = cli.in(repository).run("plan", "--allow-breaking");
        CliRunner.Result applied = cli.in(repository).run("apply", "--allow-breaking");

        String breaking = "  ! driver_features.yaml:%d: feature_views.driver_hourly.schema.trips_today.dtype: INT64 -> FLOAT64".formatted(line);
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(plan.out()).contains("  ! feature_view            driver_hourly   (breaking)").contains(breaking);
        assertThat(plan.err()).contains("1 breaking change: apply refuses it without --allow-breaking");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).contains("refused: 1 breaking change (nothing was applied)");
        assertThat(versionAfterRefusal).isEqualTo(2);
        assertThat(allowedPlan.exitCode()).isEqualTo(ExitCodes.CHANGES);
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("Breaking changes (allowed by --allow-breaking):").contains(breaking);
        assertThat(StackHttp.get(stack, "registry", "/v1/projects/%s/feature_views/driver_hourly".formatted(PROJECT)).json()
                .at("/definition/schema").findValuesAsText("dtype")).contains("FLOAT64");
    }

    @Test
    @Order(4)
    void aBadFileIsNamedWithItsLineAndFieldAndNothingIsWritten() throws IOException {
        long before = StackHttp.get(stack, "registry", "/v1/projects/" + PROJECT).json().path("registry_version").asLong();
        // a value the registry refuses: its path is mapped back to the file and line
        edit("customer_features.yaml", "{name: segment, dtype: STRING}", "{name: segment, dtype: TEXT}");
        int line = lineOf("customer_features.yaml", "dtype: TEXT");
        CliRunner.Result invalid = cli.in(repository).run("apply");
        edit("customer_features.yaml", "{name: segment, dtype: TEXT}", "{name: segment, dtype: STRING}");
        // YAML that does not parse: found here, nothing sent
        Files.writeString(repository.resolve("broken.yaml"), "feature_views:\n  - name: x\n    schema: [\n");
        CliRunner.Result unparsable = cli.in(repository).run("plan");
        Files.delete(repository.resolve("broken.yaml"));

        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(invalid.err()).startsWith("error: registry-service: HTTP 400 VALIDATION_FAILED: ")
                .contains("\n  customer_features.yaml:%d: feature_views[0].schema[2].dtype: unknown type 'TEXT'".formatted(line))
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(unparsable.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(unparsable.err()).contains("has 1 problem (nothing was sent)").contains("  broken.yaml:4: invalid YAML:");
        assertThat(StackHttp.get(stack, "registry", "/v1/projects/" + PROJECT).json().path("registry_version").asLong()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void registryListAndDescribeShowTheDefinitions() throws IOException {
        CliRunner.Result list = cli.in(repository).run("registry", "list");
        CliRunner.Result views = cli.in(repository).run("registry", "list", "feature_views", "--output", "json");
        CliRunner.Result describe = cli.in(repository).run("registry", "describe", "driver_hourly");
        CliRunner.Result describeJson = cli.in(repository).run("--output", "json", "registry", "describe", "entity", "driver");
        CliRunner.Result unknown = cli.in(repository).run("registry", "describe", "nothing_here");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("Project '%s', registry version 3: 14 objects.".formatted(PROJECT))
                .containsPattern("entity +route +join keys origin_zone INT32, destination_zone INT32")
                .containsPattern("feature_service +dispatch_v1 +driver_hourly:conv_rate,acc_rate,trips_today, route_traffic:\\*, ride_quote:\\*");
        JsonNode parsed = Json.MAPPER.readTree(views.out());
        List<String> names = new ArrayList<>();
        parsed.path("objects").forEach(object -> names.add(object.path("kind").asText() + " " + object.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("feature_view driver_hourly", "feature_view customer_profile", "feature_view route_traffic");
        assertThat(describe.exitCode()).as(describe.toString()).isZero();
        assertThat(describe.out()).startsWith("feature_view driver_hourly (version 3, registry version 3, written ")
                .contains("- name: trips_week\n  dtype: INT64\n");
        assertThat(Json.MAPPER.readTree(describeJson.out()).at("/definition/join_keys/0/name").asText()).isEqualTo("driver_id");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(unknown.err()).isEqualTo("error: project '%s' has no object named 'nothing_here' (featurestore registry list shows them)%n".formatted(PROJECT));
    }

    @Test
    @Order(6)
    void teardownAsksForTheProjectsNameThenDeletesIt() {
        CliRunner.Result declined = cli.in(repository).runWithInput("yes\n", "teardown");
        int stillThere = StackHttp.get(stack, "registry", "/v1/projects/" + PROJECT).status();
        CliRunner.Result confirmed = cli.in(repository).runWithInput(PROJECT + "\n", "teardown");

        assertThat(declined.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(declined.out()).contains("This deletes project '%s' and its 14 definitions:".formatted(PROJECT)).contains("  - feature_view            driver_hourly");
        assertThat(declined.err()).contains("not confirmed: project '%s' was not deleted".formatted(PROJECT));
        assertThat(stillThere).isEqualTo(200);
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(confirmed.out()).contains("Deleted project '%s' (14 definitions).".formatted(PROJECT));
        assertThat(StackHttp.get(stack, "registry", "/v1/projects/" + PROJECT).status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void teardownWithYesAsksNothing() {
        CliRunner.Result applied = cli.in(repository).run("apply");
        CliRunner.Result teardown = cli.in(repository).run("teardown", "--yes", "--output", "json");

        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(teardown.exitCode()).as(teardown.toString()).isZero();
        assertThat(teardown.out()).contains("\"deleted\" : true");
        assertThat(StackHttp.get(stack, "registry", "/v1/projects/" + PROJECT).status()).isEqualTo(404);
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = repository.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    private int lineOf(String file, String text) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(repository.resolve(file)));
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).contains(text)) {
                return index + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
