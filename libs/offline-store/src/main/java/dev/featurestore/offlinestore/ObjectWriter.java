package dev.featurestore.offlinestore;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one object. Use in try-with-resources and call {@link #commit()} as the last statement:
 * closing without a commit (an exception on the way) aborts, leaving no object and no partial upload.
 */
public abstract class ObjectWriter extends OutputStream {
    private boolean committed;
    private boolean closed;

    /** Bytes written so far. */
    public abstract long position();

    /** Makes the object visible with everything written. */
    public final void commit() {
        if (closed) {
            throw new IllegalStateException("writer already closed");
        }
        doCommit();
        committed = true;
        closed = true;
    }

    /** Aborts unless committed. */
    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            doAbort();
        }
    }

    protected abstract void doCommit();

    protected abstract void doAbort();

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    protected void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("writer already closed");
        }
    }
}
