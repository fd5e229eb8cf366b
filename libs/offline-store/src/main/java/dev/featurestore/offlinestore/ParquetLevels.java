package dev.featurestore.offlinestore;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * The repetition or definition levels of one data page, decoded run by run from Parquet's RLE / bit-packing
 * hybrid encoding (an RLE run fills a whole range at once), or served from levels decoded beforehand (the
 * legacy BIT_PACKED encoding). parquet-column's own decoder returns one level per call, which cost more than
 * the values themselves.
 */
final class ParquetLevels {
    private final ByteBuffer input;
    private final int bitWidth;
    private final int byteWidth;
    /** Levels left in the current run. */
    private int runLeft;
    /** The level of the current RLE run, or -1 in a bit-packed run (levels in {@code unpacked}). */
    private int runValue;
    private int[] unpacked = new int[0];
    private int unpackedIndex;

    private ParquetLevels(ByteBuffer input, int bitWidth) {
        this.input = input;
        this.bitWidth = bitWidth;
        this.byteWidth = (bitWidth + 7) / 8;
    }

    /** Levels of at most {@code maxLevel} in the hybrid encoding, in {@code bytes} (no length prefix). */
    static ParquetLevels hybrid(int maxLevel, ByteBuffer bytes) {
        if (maxLevel > 255) {
            throw new ParquetDecodingException("levels up to %d are nested too deep to be read here".formatted(maxLevel));
        }
        return new ParquetLevels(bytes.slice(), BytesUtils.getWidthFromMaxInt(maxLevel));
    }

    /** Levels decoded beforehand. */
    static ParquetLevels of(int[] levels) {
        ParquetLevels decoded = new ParquetLevels(ByteBuffer.allocate(0), 0);
        decoded.unpacked = levels;
        decoded.runLeft = levels.length;
        decoded.runValue = -1;
        return decoded;
    }

    int next() {
        if (runLeft == 0) {
            readRunHeader();
        }
        runLeft--;
        return runValue >= 0 ? runValue : unpacked[unpackedIndex++];
    }

    /**
     * Reads the next {@code count} levels into {@code target} and returns how many of them equal {@code level};
     * when all do, {@code target} may be left as it was.
     */
    int read(int[] target, int count, int level) {
        if (runLeft >= count && runValue == level) {
            // the common case, a column without nulls: one run covers the rows, nothing to write
            runLeft -= count;
            return count;
        }
        int equal = 0;
        int offset = 0;
        while (offset < count) {
            if (runLeft == 0) {
                readRunHeader();
            }
            int length = Math.min(runLeft, count - offset);
            if (runValue >= 0) {
                Arrays.fill(target, offset, offset + length, runValue);
                if (runValue == level) {
                    equal += length;
                }
            } else {
                for (int index = 0; index < length; index++) {
                    int value = unpacked[unpackedIndex++];
                    target[offset + index] = value;
                    if (value == level) {
                        equal++;
                    }
                }
            }
            runLeft -= length;
            offset += length;
        }
        return equal;
    }

    private void readRunHeader() {
        if (!input.hasRemaining()) {
            throw new ParquetDecodingException("levels end before the page's values");
        }
        int header = readUnsignedVarInt();
        if ((header & 1) == 0) {
            runLeft = header >>> 1;
            int value = 0;
            for (int index = 0; index < byteWidth; index++) {
                value |= (input.get() & 0xff) << (8 * index);
            }
            runValue = value;
            return;
        }
        int count = (header >>> 1) * 8;
        if (unpacked.length < count) {
            unpacked = new int[count];
        }
        byte[] bytes = new byte[(header >>> 1) * bitWidth + 1];
        input.get(bytes, 0, bytes.length - 1);
        int mask = (1 << bitWidth) - 1;
        for (int index = 0; index < count; index++) {
            int bit = index * bitWidth;
            int window = (bytes[bit >>> 3] & 0xff) | (bytes[(bit >>> 3) + 1] & 0xff) << 8;
            unpacked[index] = (window >>> (bit & 7)) & mask;
        }
        unpackedIndex = 0;
        runLeft = count;
        runValue = -1;
    }

    private int readUnsignedVarInt() {
        int value = 0;
        int shift = 0;
        int read;
        do {
            read = input.get() & 0xff;
            value |= (read & 0x7f) << shift;
            shift += 7;
        } while ((read & 0x80) != 0);
        return value;
    }
}
