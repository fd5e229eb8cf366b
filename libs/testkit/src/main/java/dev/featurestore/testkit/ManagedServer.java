package dev.featurestore.testkit;

/**
 * A server the testkit runs. Shared servers must not be stopped by tests; dedicated ones
 * (see {@link TestStack#dedicatedKafka()} and friends) may be stopped and started again by a
 * fault test, and come back on the same port with their data.
 */
public interface ManagedServer extends AutoCloseable {
    /** Stops the server, keeping its port and data so {@link #start()} brings it back. */
    void stop();

    /** Starts a stopped server again on the same port. */
    void start();

    boolean isRunning();

    /** Stops the server for good and deletes what it wrote unless it was told to keep it. */
    @Override
    void close();
}
