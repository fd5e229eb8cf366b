package dev.featurestore.historical.domain.join;

import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.SpillCodec;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The values of a view joined partition by partition: one run file per partition, each holding its entity
 * rows' numbers (column 0) and feature values in ascending row order; reading merges the runs. Every entity
 * row is in exactly one run, so row {@code n} is always at the head of one of them.
 */
final class SpilledViewResult implements ViewResult {
    private final PriorityQueue<Run> heads = new PriorityQueue<>((left, right) -> Long.compare(left.currentRow(), right.currentRow()));
    private final List<Run> runs = new ArrayList<>();
    private final String view;
    private final RowSchema schema;

    SpilledViewResult(String view, List<Path> files, RowSchema schema) {
        this.view = view;
        this.schema = schema;
        for (Path file : files) {
            Run run = new Run(file, schema);
            runs.add(run);
            if (run.advance()) {
                heads.add(run);
            }
        }
    }

    @Override
    public List<ColumnVector> values(long firstRow, int count) {
        List<ColumnVector.Builder> builders = new ArrayList<>(schema.size() - 1);
        for (int column = 1; column < schema.size(); column++) {
            builders.add(ColumnVector.builder(schema.columns().get(column), count));
        }
        for (long row = firstRow; row < firstRow + count; row++) {
            Run run = heads.poll();
            if (run == null || run.currentRow() != row) {
                throw new IllegalStateException("the spilled values of view '%s' have no entity row %d (next: %s)"
                        .formatted(view, row, run == null ? "none" : run.currentRow()));
            }
            ColumnBatch batch = run.batch;
            for (int feature = 0; feature < builders.size(); feature++) {
                ColumnVector vector = batch.vector(feature + 1);
                Values.copy(vector, run.position, builders.get(feature), ColumnVector.storage(vector.type()));
            }
            if (run.advance()) {
                heads.add(run);
            }
        }
        return builders.stream().map(ColumnVector.Builder::build).toList();
    }

    @Override
    public void close() {
        runs.forEach(Run::close);
    }

    /** A cursor over one run file. */
    private static final class Run {
        private final Path file;
        private final RowSchema schema;
        private DataInputStream input;
        private ColumnBatch batch;
        private int position = -1;

        Run(Path file, RowSchema schema) {
            this.file = file;
            this.schema = schema;
            try {
                input = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open spill file %s".formatted(file), e);
            }
        }

        long currentRow() {
            return batch.vector(0).getLong(position);
        }

        /** Moves to the next row; false at the end. */
        boolean advance() {
            try {
                while (batch == null || ++position >= batch.size()) {
                    Optional<ColumnBatch> next = SpillCodec.read(input, schema);
                    if (next.isEmpty()) {
                        close();
                        return false;
                    }
                    batch = next.get();
                    position = -1;
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read spill file %s".formatted(file), e);
            }
        }

        void close() {
            try {
                if (input != null) {
                    input.close();
                    input = null;
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close spill file %s".formatted(file), e);
            }
        }
    }
}
