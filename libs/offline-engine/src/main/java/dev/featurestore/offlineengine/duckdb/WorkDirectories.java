package dev.featurestore.offlineengine.duckdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's directory in the configured work directory: {@code process-<pid>-<n>} (the n-th engine of the process),
 * so that several services, instances or engines sharing a work directory never share DuckDB's spill files or staged
 * objects. What a
 * process that is gone left behind (it was killed) is deleted when the next engine starts.
 */
final class WorkDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(WorkDirectories.class);
    private static final String PREFIX = "process-";
    private static final AtomicInteger ENGINES = new AtomicInteger();

    private WorkDirectories() {
    }

    static Path forThisProcess(Path workDirectory) {
        try {
            Files.createDirectories(workDirectory);
            deleteLeftovers(workDirectory);
            Path directory = workDirectory.resolve("%s%d-%d".formatted(PREFIX, ProcessHandle.current().pid(), ENGINES.incrementAndGet()));
            Files.createDirectories(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the offline engine's work directory in %s".formatted(workDirectory), e);
        }
    }

    private static void deleteLeftovers(Path workDirectory) throws IOException {
        List<Path> directories;
        try (Stream<Path> entries = Files.list(workDirectory)) {
            directories = entries.filter(path -> path.getFileName().toString().startsWith(PREFIX)).toList();
        }
        for (Path directory : directories) {
            String pid = directory.getFileName().toString().substring(PREFIX.length()).replaceFirst("-.*", "");
            boolean alive;
            try {
                alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
            } catch (NumberFormatException e) {
                continue;
            }
            if (!alive) {
                LOG.info("Deleting {}, left by process {} which is gone", directory, pid);
                delete(directory);
            }
        }
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", directory, e.getMessage());
        }
    }
}
