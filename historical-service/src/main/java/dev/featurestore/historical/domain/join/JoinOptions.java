package dev.featurestore.historical.domain.join;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * How a join runs.
 *
 * @param memoryBudgetBytes the memory the join may hold; a view whose data would not fit is partitioned on
 *     its join keys and spilled to {@code spillDirectory}
 * @param batchSize rows per batch read and written
 * @param spillDirectory where spill files go (a directory of its own is made below it and removed after)
 * @param executor reads several source objects at once
 */
public record JoinOptions(long memoryBudgetBytes, int batchSize, Path spillDirectory, Executor executor) {
    public JoinOptions {
        requireNonNull(spillDirectory, "spillDirectory is null");
        requireNonNull(executor, "executor is null");
        if (memoryBudgetBytes < 1) {
            throw new IllegalArgumentException("memory budget %d is below 1 byte".formatted(memoryBudgetBytes));
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size %d is below 1".formatted(batchSize));
        }
    }
}
