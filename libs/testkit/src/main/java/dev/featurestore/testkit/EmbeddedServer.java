package dev.featurestore.testkit;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The lifecycle shared by the embedded servers that hold one running instance (a broker, a
 * PostgreSQL process, an s3proxy) while started: {@link #start()} waits until the port is free and
 * launches a new instance, {@link #stop()} halts it keeping the port and data, {@link #close()}
 * stops and then releases what outlives a stop (a temporary directory, a blob store).
 *
 * @param <R> the running instance
 */
abstract class EmbeddedServer<R> implements ManagedServer {
    private final int port;
    private R running;

    EmbeddedServer(int port) {
        this.port = port;
    }

    /**
     * Runs the first start-up steps of a new server; when one fails, closes the server (deleting
     * what it wrote unless kept) and rethrows.
     */
    static <S extends ManagedServer> S startOrClose(S server, Consumer<? super S> startUp) {
        try {
            startUp.accept(server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Starts a new instance on {@link #port()}; on failure cleans up after itself and throws. */
    abstract R launch();

    /** Stops an instance {@link #launch()} returned. */
    abstract void halt(R instance);

    /** Releases what outlives a stop; called by {@link #close()} once the server is stopped. */
    abstract void release();

    final int port() {
        return port;
    }

    @Override
    public final synchronized void start() {
        if (running != null) {
            return;
        }
        Ports.awaitReleased(port, Duration.ofSeconds(30));
        running = launch();
    }

    @Override
    public final synchronized void stop() {
        if (running == null) {
            return;
        }
        R stopping = running;
        running = null;
        halt(stopping);
    }

    @Override
    public final synchronized boolean isRunning() {
        return running != null;
    }

    @Override
    public final synchronized void close() {
        try {
            stop();
        } finally {
            release();
        }
    }
}
