package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Executor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How a Parquet object is written.
 *
 * @param codec UNCOMPRESSED, SNAPPY, ZSTD or GZIP
 * @param rowGroupSizeBytes a row group is closed once its buffered size reaches this
 * @param rowGroupRowLimit a row group is closed once it holds this many rows
 * @param encodingExecutor runs column encoding next to the writing thread, or null to encode on the writing
 *     thread alone
 * @param encodingThreads how many threads share a batch's columns, the writing thread included (1 when there is
 *     no executor); the executor must be able to run {@code encodingThreads - 1} tasks at once
 */
public record ParquetWriteOptions(CompressionCodecName codec, long rowGroupSizeBytes, int rowGroupRowLimit,
        Executor encodingExecutor, int encodingThreads) {
    public static final ParquetWriteOptions DEFAULTS = new ParquetWriteOptions(CompressionCodecName.SNAPPY, 128L * 1024 * 1024, Integer.MAX_VALUE);

    public ParquetWriteOptions {
        requireNonNull(codec, "codec is null");
        if (rowGroupSizeBytes <= 0) {
            throw new IllegalArgumentException("rowGroupSizeBytes must be positive: %d".formatted(rowGroupSizeBytes));
        }
        if (rowGroupRowLimit <= 0) {
            throw new IllegalArgumentException("rowGroupRowLimit must be positive: %d".formatted(rowGroupRowLimit));
        }
        if (encodingThreads < 1 || (encodingExecutor == null && encodingThreads != 1)) {
            throw new IllegalArgumentException("encodingThreads must be 1 without an executor and at least 1 with one: %d".formatted(encodingThreads));
        }
    }

    /** Encoding on the writing thread alone. */
    public ParquetWriteOptions(CompressionCodecName codec, long rowGroupSizeBytes, int rowGroupRowLimit) {
        this(codec, rowGroupSizeBytes, rowGroupRowLimit, null, 1);
    }

    public ParquetWriteOptions withCodec(CompressionCodecName newCodec) {
        return new ParquetWriteOptions(newCodec, rowGroupSizeBytes, rowGroupRowLimit, encodingExecutor, encodingThreads);
    }

    public ParquetWriteOptions withRowGroupRowLimit(int newLimit) {
        return new ParquetWriteOptions(codec, rowGroupSizeBytes, newLimit, encodingExecutor, encodingThreads);
    }

    /** Columns encoded on {@code threads} threads: the writing thread and {@code threads - 1} tasks on the executor. */
    public ParquetWriteOptions withEncoding(Executor executor, int threads) {
        return new ParquetWriteOptions(codec, rowGroupSizeBytes, rowGroupRowLimit, requireNonNull(executor, "executor is null"), threads);
    }
}
