package dev.featurestore.onlinestore;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One connection for every call, made on first use; when making it failed, the next call tries again. It is made
 * through {@code connect}, which may block; the caller's client does its I/O on its own threads.
 */
final class SharedConnection implements Connections {
    private final Supplier<StoreConnection> connect;
    private volatile CompletableFuture<StoreConnection> connection;
    private boolean closed;

    SharedConnection(Supplier<StoreConnection> connect) {
        this.connect = requireNonNull(connect, "connect is null");
    }

    @Override
    public CompletableFuture<StoreConnection> current() {
        CompletableFuture<StoreConnection> current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the online store is closed");
            }
            if (connection == null) {
                // a failed attempt is not kept: the next call connects again
                StoreConnection made = connect.get();
                connection = CompletableFuture.completedFuture(made);
            }
            return connection;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.join().connection().close();
        }
    }
}
