package dev.featurestore.offlineengine.micronaut;

import dev.featurestore.offlineengine.duckdb.DuckDbSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.nio.file.Path;

/**
 * {@code featurestore.offline-engine.*}: the engine the service runs its offline reads on, and its limits. Every
 * value is checked at start-up; a bad one fails the start naming the property.
 *
 * @param type the engine: {@code duckdb} (the only one so far)
 * @param memoryLimit DuckDB's {@code memory_limit}: native memory (outside the Java heap) all of the service's
 *     engine calls may hold together; past it DuckDB spills to {@code work-directory}
 * @param threads DuckDB's worker threads; 0 for the machine's cores (at most 4)
 * @param workDirectory where DuckDB spills and where source objects of the S3 API are staged while a call runs;
 *     empty for {@code featurestore-offline-engine} in {@code java.io.tmpdir}
 * @param batchSize rows per batch the engine delivers
 * @param stagingThreads objects downloaded at once while staging
 */
@ConfigurationProperties(OfflineEngineProperties.PREFIX)
public record OfflineEngineProperties(
        @Bindable(defaultValue = "duckdb") String type,
        @Bindable(defaultValue = "512MB") @ReadableBytes long memoryLimit,
        @Bindable(defaultValue = "0") int threads,
        @Nullable String workDirectory,
        @Bindable(defaultValue = "8192") int batchSize,
        @Bindable(defaultValue = "4") int stagingThreads) {
    public static final String PREFIX = "featurestore.offline-engine";

    public OfflineEngineProperties {
        if (!"duckdb".equals(type)) {
            throw new IllegalArgumentException("%s.type must be duckdb, got '%s'".formatted(PREFIX, type));
        }
        duckDb(memoryLimit, threads, workDirectory, batchSize, stagingThreads);
    }

    /** The DuckDB engine's settings. */
    public DuckDbSettings duckDbSettings() {
        return duckDb(memoryLimit, threads, workDirectory, batchSize, stagingThreads);
    }

    private static DuckDbSettings duckDb(long memoryLimit, int threads, String workDirectory, int batchSize, int stagingThreads) {
        if (memoryLimit < DuckDbSettings.MINIMUM_MEMORY_LIMIT) {
            throw new IllegalArgumentException("%s.memory-limit must be at least 64MB, got %d bytes".formatted(PREFIX, memoryLimit));
        }
        if (threads < 0 || threads > 256) {
            throw new IllegalArgumentException("%s.threads must be in [0, 256], got %d".formatted(PREFIX, threads));
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("%s.batch-size must be in [1, 1000000], got %d".formatted(PREFIX, batchSize));
        }
        if (stagingThreads < 1 || stagingThreads > 64) {
            throw new IllegalArgumentException("%s.staging-threads must be in [1, 64], got %d".formatted(PREFIX, stagingThreads));
        }
        Path directory = workDirectory == null || workDirectory.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "featurestore-offline-engine")
                : Path.of(workDirectory);
        int effectiveThreads = threads == 0 ? DuckDbSettings.defaultThreads() : threads;
        return new DuckDbSettings(memoryLimit, effectiveThreads, directory, batchSize, stagingThreads);
    }
}
