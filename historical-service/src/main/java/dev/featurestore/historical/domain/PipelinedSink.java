package dev.featurestore.historical.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.offlinestore.ColumnBatch;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands batches to a consumer on a thread of its own through a queue of a few batches, so that producing the next
 * batch (the engine streaming its result) and consuming this one (encoding and uploading Parquet) overlap. A failure
 * of the consumer is rethrown to the producer at its next {@link #accept} or at {@link #finish}.
 */
final class PipelinedSink implements Consumer<ColumnBatch>, AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile RuntimeException failure;
    private boolean finished;

    PipelinedSink(Consumer<ColumnBatch> consumer, int capacity, String name) {
        requireNonNull(consumer, "consumer is null");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> drain(consumer), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(Consumer<ColumnBatch> consumer) {
        try {
            for (Object item = queue.take(); item != END; item = queue.take()) {
                consumer.accept((ColumnBatch) item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("the output writer failed: %s".formatted(e), e);
        }
    }

    @Override
    public void accept(ColumnBatch batch) {
        put(requireNonNull(batch, "batch is null"));
    }

    /** Waits until every batch is consumed; rethrows the consumer's failure. */
    void finish() {
        put(END);
        finished = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the output was written", e);
        }
        rethrow();
    }

    private void put(Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the output writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the output was written", e);
        }
        rethrow();
    }

    private void rethrow() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    /** Stops the consumer if {@link #finish} was not reached (the producer failed or was cancelled). */
    @Override
    public void close() {
        if (!finished) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
