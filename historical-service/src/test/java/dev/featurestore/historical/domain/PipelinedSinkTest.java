package dev.featurestore.historical.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PipelinedSinkTest {
    private static final RowSchema SCHEMA = RowSchema.of(RowSchema.column("n", ValueType.INT64));

    @Test
    void deliversEveryBatchInOrderOnItsOwnThread() {
        List<Long> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        try (PipelinedSink sink = new PipelinedSink(batch -> {
            seen.add((Long) batch.row(0).get(0));
            threads.add(Thread.currentThread().getName());
        }, 2, "pipelined-test")) {
            for (long n = 0; n < 100; n++) {
                sink.accept(batch(n));
            }
            sink.finish();
        }
        assertThat(seen).hasSize(100).isSorted();
        assertThat(threads).containsOnly("pipelined-test");
    }

    @Test
    void rethrowsTheConsumersFailureToTheProducer() {
        try (PipelinedSink sink = new PipelinedSink(batch -> {
            throw new IllegalArgumentException("the store refused part-00000");
        }, 1, "pipelined-test")) {
            assertThatThrownBy(() -> {
                for (long n = 0; n < 1_000; n++) {
                    sink.accept(batch(n));
                }
                sink.finish();
            }).isInstanceOf(IllegalArgumentException.class).hasMessage("the store refused part-00000");
        }
    }

    @Test
    void stopsTheConsumerWhenClosedBeforeTheEnd() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread[] consumer = new Thread[1];
        try (PipelinedSink sink = new PipelinedSink(batch -> {
            consumer[0] = Thread.currentThread();
            started.countDown();
        }, 1, "pipelined-test")) {
            sink.accept(batch(1));
            started.await();
        }
        consumer[0].join(5_000);
        assertThat(consumer[0].isAlive()).isFalse();
    }

    private static ColumnBatch batch(long n) {
        return ColumnBatch.of(SCHEMA, List.of(Row.of(SCHEMA, n)));
    }
}
