package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over one {@link ObjectWriter}. Closing the stream (which the Parquet writer
 * does) does not commit: the owner commits the writer once the Parquet writer closed without error.
 */
final class ObjectOutputFile implements OutputFile {
    private final StorageUri uri;
    private final ObjectWriter writer;

    ObjectOutputFile(StorageUri uri, ObjectWriter writer) {
        this.uri = requireNonNull(uri, "uri is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return new Stream();
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return new Stream();
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return uri.toString();
    }

    private final class Stream extends PositionOutputStream {
        @Override
        public long getPos() {
            return writer.position();
        }

        @Override
        public void write(int b) throws IOException {
            writer.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            writer.write(bytes, offset, length);
        }

        @Override
        public void close() {
            // committed or aborted by the owner
        }
    }
}
