package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Builds {@link ParquetReadOptions} without Hadoop on the class path. Both public builders of
 * parquet-java 1.18 load Hadoop classes (a default {@code CodecFactory} and
 * {@code ParquetInputFormat.getFilter}); the constructor they end in is package-private, hence this
 * class in parquet's package. The values are the builder's defaults.
 */
public final class HadoopFreeReadOptions {
    private static final int MAX_ALLOCATION_BYTES = 8 * 1024 * 1024;

    private HadoopFreeReadOptions() {
    }

    public static ParquetReadOptions create(CompressionCodecFactory codecFactory) {
        return new ParquetReadOptions(
                false, // useSignedStringMinMax
                true, // useStatsFilter
                true, // useDictionaryFilter
                true, // useRecordFilter
                true, // useColumnIndexFilter
                false, // usePageChecksumVerification
                true, // useBloomFilter
                false, // useOffHeapDecryptBuffer
                false, // useHadoopVectoredIo
                FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER,
                codecFactory,
                new HeapByteBufferAllocator(),
                MAX_ALLOCATION_BYTES,
                Map.of(),
                null,
                null,
                new PlainParquetConfiguration());
    }
}
