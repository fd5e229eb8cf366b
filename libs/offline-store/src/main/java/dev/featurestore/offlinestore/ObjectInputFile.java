package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over an {@link ObjectStore}: every {@code readFully} is one ranged read,
 * except inside the file's tail, which is fetched once (the first read touching it) and served from
 * memory, so the footer costs one request.
 */
public final class ObjectInputFile implements InputFile {
    /** Footers of the files we write are a few KB; 64 KB covers wide schemas too. */
    public static final int DEFAULT_TAIL_SIZE = 64 * 1024;

    private final ObjectStore store;
    private final StorageUri uri;
    private final long length;
    private final int tailSize;
    private byte[] tail;

    public ObjectInputFile(ObjectStore store, StorageUri uri, long length) {
        this(store, uri, length, DEFAULT_TAIL_SIZE);
    }

    public ObjectInputFile(ObjectStore store, StorageUri uri, long length, int tailSize) {
        this.store = requireNonNull(store, "store is null");
        this.uri = requireNonNull(uri, "uri is null");
        this.length = length;
        this.tailSize = (int) Math.min(length, tailSize);
    }

    public StorageUri uri() {
        return uri;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new Stream();
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    private synchronized byte[] tail() {
        if (tail == null) {
            tail = store.read(uri, length - tailSize, tailSize);
        }
        return tail;
    }

    private void readRange(long position, byte[] target, int offset, int count) throws IOException {
        if (count == 0) {
            return;
        }
        if (position < 0 || position + count > length) {
            throw new EOFException("cannot read %d bytes at %d of %s (%d bytes)".formatted(count, position, uri, length));
        }
        long tailStart = length - tailSize;
        if (position >= tailStart) {
            System.arraycopy(tail(), (int) (position - tailStart), target, offset, count);
            return;
        }
        store.readInto(uri, position, target, offset, count);
    }

    private final class Stream extends SeekableInputStream {
        private long position;

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void seek(long newPosition) {
            position = newPosition;
        }

        @Override
        public int read() throws IOException {
            if (position >= length) {
                return -1;
            }
            byte[] one = new byte[1];
            readFully(one, 0, 1);
            return one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            int available = (int) Math.min(count, length - position);
            readFully(bytes, offset, available);
            return available;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(bytes, 0, bytes.length);
        }

        @Override
        public void readFully(byte[] bytes, int offset, int count) throws IOException {
            readRange(position, bytes, offset, count);
            position += count;
        }

        @Override
        public int read(ByteBuffer buffer) throws IOException {
            if (!buffer.hasRemaining()) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            int count = (int) Math.min(buffer.remaining(), length - position);
            fill(buffer, count);
            return count;
        }

        @Override
        public void readFully(ByteBuffer buffer) throws IOException {
            fill(buffer, buffer.remaining());
        }

        /** Reads {@code count} bytes into the buffer: straight into a heap buffer's array, else through a copy. */
        private void fill(ByteBuffer buffer, int count) throws IOException {
            if (buffer.hasArray()) {
                readFully(buffer.array(), buffer.arrayOffset() + buffer.position(), count);
                buffer.position(buffer.position() + count);
                return;
            }
            byte[] bytes = new byte[count];
            readFully(bytes, 0, count);
            buffer.put(bytes);
        }
    }
}
