package dev.featurestore.materialization.domain;

import dev.featurestore.onlinestore.WriteResult;
import dev.featurestore.runtime.error.FeatureStoreException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for an online-store write, as runs and stream ingestion do. */
public final class OnlineWrites {
    private OnlineWrites() {
    }

    /**
     * The write's result once the store answered.
     *
     * @throws FeatureStoreException {@code ONLINE_STORE_FAILED} when the write failed or took longer than {@code timeout}
     * @throws RunStoppedException when the waiting thread is interrupted (its flag restored)
     */
    public static WriteResult await(CompletableFuture<WriteResult> write, Duration timeout) {
        try {
            return write.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStoppedException("interrupted while writing");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new FeatureStoreException(MaterializationErrorCode.ONLINE_STORE_FAILED,
                    "The online store failed a write: %s".formatted(cause.getMessage()), cause);
        } catch (TimeoutException e) {
            throw new FeatureStoreException(MaterializationErrorCode.ONLINE_STORE_FAILED,
                    "The online store did not answer a write within %s".formatted(timeout), e);
        }
    }
}
