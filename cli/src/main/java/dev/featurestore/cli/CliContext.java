package dev.featurestore.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a command may use of the world it runs in: environment variables, the working directory, the standard
 * streams, whether standard output is a terminal (progress bars) and the clock. Tests run the commands in process
 * with their own.
 *
 * @param pollInterval how often a followed run or job is asked for its state
 */
public record CliContext(
        Map<String, String> environment,
        Path workingDirectory,
        InputStream in,
        PrintStream out,
        PrintStream err,
        boolean terminal,
        Clock clock,
        Duration pollInterval) {

    public CliContext {
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null").toAbsolutePath().normalize();
        requireNonNull(in, "in is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(pollInterval, "pollInterval is null");
    }

    /** The process's own: its environment, directory and streams. */
    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of(""), System.in, System.out, System.err, System.console() != null,
                Clock.systemUTC(), Duration.ofMillis(500));
    }

    /** A path as the user wrote it, relative to the working directory. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }
}
