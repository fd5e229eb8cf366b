package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How a Parquet object is written.
 *
 * @param codec UNCOMPRESSED, SNAPPY, ZSTD or GZIP
 * @param rowGroupSizeBytes a row group is closed once its buffered size reaches this
 * @param rowGroupRowLimit a row group is closed once it holds this many rows
 */
public record ParquetWriteOptions(CompressionCodecName codec, long rowGroupSizeBytes, int rowGroupRowLimit) {
    public static final ParquetWriteOptions DEFAULTS = new ParquetWriteOptions(CompressionCodecName.SNAPPY, 128L * 1024 * 1024, Integer.MAX_VALUE);

    public ParquetWriteOptions {
        requireNonNull(codec, "codec is null");
        if (rowGroupSizeBytes <= 0) {
            throw new IllegalArgumentException("rowGroupSizeBytes must be positive: %d".formatted(rowGroupSizeBytes));
        }
        if (rowGroupRowLimit <= 0) {
            throw new IllegalArgumentException("rowGroupRowLimit must be positive: %d".formatted(rowGroupRowLimit));
        }
    }

    public ParquetWriteOptions withCodec(CompressionCodecName newCodec) {
        return new ParquetWriteOptions(newCodec, rowGroupSizeBytes, rowGroupRowLimit);
    }

    public ParquetWriteOptions withRowGroupRowLimit(int newLimit) {
        return new ParquetWriteOptions(codec, rowGroupSizeBytes, newLimit);
    }
}
