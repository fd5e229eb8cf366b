package dev.featurestore.offlineengine.duckdb;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How the DuckDB engine runs. One DuckDB database serves every call of an engine, so the limits hold for all calls
 * together.
 *
 * @param memoryLimitBytes DuckDB's {@code memory_limit}: native memory its operators may hold (past it they spill to
 *     {@code workDirectory}); outside the Java heap
 * @param threads DuckDB's {@code threads}
 * @param workDirectory where DuckDB spills ({@code temp_directory}) and where source objects of the S3 API are staged
 *     while a call runs (a directory of its own per call, deleted when the call ends)
 * @param batchSize rows per batch delivered
 * @param stagingThreads objects downloaded at once
 */
public record DuckDbSettings(long memoryLimitBytes, int threads, Path workDirectory, int batchSize, int stagingThreads) {
    /** The smallest memory limit accepted: below it DuckDB cannot run a join. */
    public static final long MINIMUM_MEMORY_LIMIT = 64L << 20;

    public DuckDbSettings {
        requireNonNull(workDirectory, "workDirectory is null");
        if (memoryLimitBytes < MINIMUM_MEMORY_LIMIT) {
            throw new IllegalArgumentException("memory limit %d bytes is below %d".formatted(memoryLimitBytes, MINIMUM_MEMORY_LIMIT));
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads %d is not in [1, 256]".formatted(threads));
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("batch size %d is not in [1, 1000000]".formatted(batchSize));
        }
        if (stagingThreads < 1 || stagingThreads > 64) {
            throw new IllegalArgumentException("staging threads %d is not in [1, 64]".formatted(stagingThreads));
        }
    }

    /** The services' defaults ({@code featurestore.offline-engine.*}): 512 MB, {@link #defaultThreads()}, batches of 8192, 4 downloads. */
    public static DuckDbSettings defaults(Path workDirectory) {
        return new DuckDbSettings(512L << 20, defaultThreads(), workDirectory, 8192, 4);
    }

    /** The machine's cores, at most 4. */
    public static int defaultThreads() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }
}
