package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to start a {@link TestStack}. Port 0 means a free loopback port. With a data directory the
 * servers keep their data there across restarts (the dev stack); without one they use a temporary
 * directory deleted on close (tests).
 */
public record StackOptions(
        StackMode mode,
        int kafkaPort,
        int postgresPort,
        int redisPort,
        int s3Port,
        Optional<Path> dataDirectory) {

    public StackOptions {
        requireNonNull(mode, "mode is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
    }

    /** Free ports, temporary data, mode from the environment: what tests use. */
    public static StackOptions forTests() {
        return new StackOptions(StackMode.fromEnvironment(), 0, 0, 0, 0, Optional.empty());
    }
}
