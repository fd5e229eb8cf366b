package dev.featurestore.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs command lines in process, with an environment and working directory of the test's, capturing what they print. */
public final class CliRunner {
    private final Map<String, String> environment;
    private final Path workingDirectory;

    public CliRunner(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
    }

    public CliRunner withEnvironment(String name, String value) {
        Map<String, String> changed = new HashMap<>(environment);
        changed.put(name, value);
        return new CliRunner(changed, workingDirectory);
    }

    public CliRunner in(Path directory) {
        return new CliRunner(environment, directory);
    }

    public Result run(String... args) {
        return runWithInput("", args);
    }

    public Result runWithInput(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(environment, workingDirectory, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false, Clock.systemUTC(),
                Duration.ofMillis(200));
        int exitCode = Main.run(context, args);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), List.of(args));
    }

    /** What a command line did. */
    public record Result(int exitCode, String out, String err, List<String> args) {
        @Override
        public String toString() {
            return "featurestore %s -> exit %d%n--- out%n%s--- err%n%s".formatted(String.join(" ", args), exitCode, out, err);
        }
    }
}
