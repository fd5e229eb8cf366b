package dev.featurestore.offlinestore;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** One spill file per partition, written by several threads (a batch's rows of one partition at a time), then read partition by partition. */
public final class PartitionFiles implements AutoCloseable {
    private final List<Path> files = new ArrayList<>();
    private final DataOutputStream[] outputs;
    private long bytesWritten;

    public PartitionFiles(Path directory, String name, int partitions) {
        outputs = new DataOutputStream[partitions];
        try {
            for (int partition = 0; partition < partitions; partition++) {
                Path file = directory.resolve("%s-%05d.spill".formatted(name, partition));
                files.add(file);
                outputs[partition] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create spill files in %s".formatted(directory), e);
        }
    }

    public int partitions() {
        return outputs.length;
    }

    /** Writes each row of {@code batch} to the partition {@code partitionOf[row]} names. */
    public void write(ColumnBatch batch, int[] partitionOf) {
        int partitions = outputs.length;
        int[] counts = new int[partitions];
        for (int row = 0; row < batch.size(); row++) {
            counts[partitionOf[row]]++;
        }
        int[][] rows = new int[partitions][];
        for (int partition = 0; partition < partitions; partition++) {
            rows[partition] = counts[partition] == 0 ? null : new int[counts[partition]];
            counts[partition] = 0;
        }
        for (int row = 0; row < batch.size(); row++) {
            int partition = partitionOf[row];
            rows[partition][counts[partition]++] = row;
        }
        for (int partition = 0; partition < partitions; partition++) {
            if (rows[partition] == null) {
                continue;
            }
            DataOutputStream output = outputs[partition];
            synchronized (output) {
                try {
                    int before = output.size();
                    SpillCodec.write(output, batch, rows[partition], rows[partition].length);
                    addBytes(output.size() - (long) before);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write spill file %s".formatted(files.get(partition)), e);
                }
            }
        }
    }

    private synchronized void addBytes(long bytes) {
        bytesWritten += Math.max(0, bytes);
    }

    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    /** Ends writing; the files can then be read. */
    public void finish() {
        for (int partition = 0; partition < outputs.length; partition++) {
            try {
                outputs[partition].close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write spill file %s".formatted(files.get(partition)), e);
            }
        }
    }

    /** Reads the batches of one partition, then deletes its file. */
    public void read(int partition, RowSchema schema, Consumer<ColumnBatch> sink) {
        Path file = files.get(partition);
        try (DataInputStream input = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (Optional<ColumnBatch> batch = SpillCodec.read(input, schema); batch.isPresent(); batch = SpillCodec.read(input, schema)) {
                sink.accept(batch.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spill file %s".formatted(file), e);
        }
        delete(file);
    }

    @Override
    public void close() {
        for (DataOutputStream output : outputs) {
            if (output != null) {
                try {
                    output.close();
                } catch (IOException e) {
                    // Closing after a failure: the files are deleted next.
                }
            }
        }
        files.forEach(PartitionFiles::delete);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete spill file %s".formatted(file), e);
        }
    }
}
