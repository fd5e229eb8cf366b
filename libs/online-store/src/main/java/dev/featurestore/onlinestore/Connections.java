package dev.featurestore.onlinestore;

import java.util.concurrent.CompletableFuture;

/** Which connection a {@link RedisOnlineStore} call goes through. */
interface Connections {
    /**
     * The connection for a call made on the current thread, connecting first when it is not (or no longer) made.
     *
     * @throws IllegalStateException when the store is closed
     */
    CompletableFuture<StoreConnection> current();

    /** Closes every connection (one still being made is closed once made). */
    void close();
}
