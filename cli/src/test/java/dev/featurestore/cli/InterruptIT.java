package dev.featurestore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ctrl-C while following: the command line, a process of its own, gets SIGINT (SIGTERM where the runner's JVMs ignore
 * SIGINT) while it follows a materialization run; it says how to follow the run again and exits 130 (143), and the run
 * goes on to its end in the service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptIT {
    private static final String PROJECT = "cli_interrupt_" + Long.toString(System.nanoTime() % 1_000_000, 36);

    private TestDevStack stack;
    private Path repository;

    @BeforeAll
    void applyAProject() throws IOException {
        stack = TestDevStack.shared();
        repository = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "interrupt-it-").toAbsolutePath();
        Files.writeString(repository.resolve("featurestore.yaml"), "project: %s%n".formatted(PROJECT));
        // a view of the demo data the dev stack wrote
        Files.writeString(repository.resolve("customers.yaml"), """
                entities:
                  - name: customer
                    join_keys: [{name: customer_id, value_type: STRING}]
                data_sources:
                  - {name: customer_profile_src, type: parquet, path: "s3://featurestore/examples/customer_profile/", timestamp_field: event_timestamp}
                feature_views:
                  - name: customer_profile
                    entities: [customer]
                    source: customer_profile_src
                    ttl: 7d
                    schema: [{name: lifetime_trips, dtype: INT64}]
                """);
        CliRunner.Result apply = new CliRunner(stack.environment(), repository).run("apply");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
    }

    @Test
    void ctrlCWhileFollowingLeavesTheRunGoingAndSaysHowToFollowIt() throws Exception {
        Path output = repository.resolve("out.txt");
        Path errors = repository.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                // polls once, then waits: the signal always comes while it follows
                "materialize", "now-7d", "now", "--poll-interval", "1h"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile())
                .redirectOutput(output.toFile()).redirectError(errors.toFile());
        builder.environment().putAll(stack.environment());
        Process process = builder.start();
        try {
            await("following").atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("customer_profile: "));
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                // a JVM started with SIGINT ignored (a background job of a shell without job control) keeps it ignored
                process.destroy();
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            process.destroyForcibly();
        }
        String runId = Files.readAllLines(output).stream().filter(line -> line.endsWith("  customer_profile")).findFirst().orElseThrow().trim().split(" ")[0];

        // 130 for SIGINT, 143 for SIGTERM: both stop following the same way
        assertThat(process.exitValue()).isIn(ExitCodes.INTERRUPTED, 143);
        assertThat(Files.readString(errors)).contains("Stopped following; the run keeps going in materialization-service. Follow again with:%n  featurestore runs --follow %s%n"
                .formatted(runId));
        await("the run ended by itself").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                StackHttp.get(stack, "materialization", "/v1/runs/" + runId).json().path("state").asText().equals("succeeded"));
        CliRunner.Result followed = new CliRunner(stack.environment(), repository).run("runs", "--follow", runId);
        assertThat(followed.exitCode()).as(followed.toString()).isZero();
        assertThat(followed.out()).contains("customer_profile: succeeded: ");
    }
}
