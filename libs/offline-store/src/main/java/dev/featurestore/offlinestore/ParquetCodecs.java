package dev.featurestore.offlinestore;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet compression without Hadoop: UNCOMPRESSED, SNAPPY (snappy-java), ZSTD (zstd-jni) and GZIP
 * ({@code java.util.zip}). Other codecs fail with a message naming them.
 */
public final class ParquetCodecs implements CompressionCodecFactory {
    public static final ParquetCodecs INSTANCE = new ParquetCodecs();

    private static final int ZSTD_LEVEL = 3;

    private ParquetCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Compressor(checkSupported(codec));
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Decompressor(checkSupported(codec));
    }

    @Override
    public void release() {
    }

    private static CompressionCodecName checkSupported(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, GZIP -> codec;
            case LZO, BROTLI, LZ4, LZ4_RAW -> throw new UnsupportedOperationException(
                    "Parquet codec %s is not supported (supported: UNCOMPRESSED, SNAPPY, ZSTD, GZIP)".formatted(codec));
        };
    }

    static byte[] compress(CompressionCodecName codec, byte[] input) throws IOException {
        return switch (codec) {
            case UNCOMPRESSED -> input;
            case SNAPPY -> Snappy.compress(input);
            case ZSTD -> Zstd.compress(input, ZSTD_LEVEL);
            case GZIP -> {
                ByteArrayOutputStream output = new ByteArrayOutputStream(input.length / 2 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(output)) {
                    gzip.write(input);
                }
                yield output.toByteArray();
            }
            case LZO, BROTLI, LZ4, LZ4_RAW -> throw new UnsupportedOperationException(codec.name());
        };
    }

    static byte[] decompress(CompressionCodecName codec, byte[] input, int uncompressedSize) throws IOException {
        return decompress(codec, input, 0, input.length, uncompressedSize);
    }

    /** Decompresses {@code input[offset .. offset + length - 1]}. */
    static byte[] decompress(CompressionCodecName codec, byte[] input, int offset, int length, int uncompressedSize) throws IOException {
        byte[] output = switch (codec) {
            case UNCOMPRESSED -> offset == 0 && length == input.length ? input : Arrays.copyOfRange(input, offset, offset + length);
            case SNAPPY -> {
                byte[] result = new byte[uncompressedSize];
                Snappy.uncompress(input, offset, length, result, 0);
                yield result;
            }
            case ZSTD -> {
                byte[] result = new byte[uncompressedSize];
                long size = Zstd.decompressByteArray(result, 0, uncompressedSize, input, offset, length);
                if (Zstd.isError(size)) {
                    throw new IOException("ZSTD page cannot be decompressed: " + Zstd.getErrorName(size));
                }
                yield size == uncompressedSize ? result : Arrays.copyOf(result, (int) size);
            }
            case GZIP -> {
                try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(input, offset, length))) {
                    yield gzip.readNBytes(uncompressedSize);
                }
            }
            case LZO, BROTLI, LZ4, LZ4_RAW -> throw new UnsupportedOperationException(codec.name());
        };
        if (output.length != uncompressedSize) {
            throw new IOException("%s page decompressed to %d bytes, expected %d".formatted(codec, output.length, uncompressedSize));
        }
        return output;
    }

    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(ParquetCodecs.compress(codec, bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            // a page read from a file is a slice of the chunk's array: decompress it in place, without a copy
            ByteBuffer buffer = bytes.toByteBuffer();
            if (buffer.hasArray()) {
                return BytesInput.from(ParquetCodecs.decompress(codec, buffer.array(), buffer.arrayOffset() + buffer.position(),
                        buffer.remaining(), uncompressedSize));
            }
            return BytesInput.from(ParquetCodecs.decompress(codec, bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) throws IOException {
            byte[] compressed = new byte[compressedSize];
            input.get(compressed);
            output.put(ParquetCodecs.decompress(codec, compressed, uncompressedSize));
        }

        @Override
        public void release() {
        }
    }
}
