package dev.featurestore.onlinestore;

import dev.featurestore.contracts.online.OnlineRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The online store: records of {@link dev.featurestore.contracts.online.OnlineRecordCodec} under
 * {@link dev.featurestore.contracts.online.OnlineKeys}, as docs/online-record-format.md specifies. Thread-safe.
 */
public interface OnlineStore extends AutoCloseable {
    /**
     * Reads records in one network round trip (one per node holding them, sent at once, on a cluster).
     *
     * @return one entry per read, in order: the record decoded in the read's schema, or null when there is none
     *     (never written, expired, or written with a schema the store does not know)
     */
    CompletableFuture<List<OnlineRecord>> read(List<RecordRead> reads);

    /**
     * Writes records, each only if the stored one has smaller (event, created) timestamps (an atomic compare
     * inside Redis), with the write's expiry. Writes are sent without waiting for each other.
     *
     * @return how many were written, left unchanged and skipped as already expired
     */
    CompletableFuture<WriteResult> write(List<RecordWrite> writes);

    /**
     * Deletes every record of a project (keys {@code fs:<project>:<view>:{...}}; writers' schemas are shared and stay):
     * on one server a {@code SCAN} of the project's key pattern, {@code UNLINK}ing each page of keys; on a cluster the
     * same on every master. Records written while it runs may survive it.
     *
     * @param project a project name ({@code [a-z][a-z0-9_]*})
     * @return how many records were deleted
     */
    CompletableFuture<Long> deleteProject(String project);

    @Override
    void close();
}
