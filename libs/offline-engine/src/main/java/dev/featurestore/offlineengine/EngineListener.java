package dev.featurestore.offlineengine;

/** Hears how an engine call progresses, and can stop it. Called from the engine's threads. */
public interface EngineListener {
    EngineListener NONE = new EngineListener() {
    };

    /** What the call does now, e.g. {@code "staging 12 objects of driver_hourly"}. */
    default void phase(String description) {
    }

    /** Work done so far out of an estimated total (rows, or the engine's own units scaled to rows). */
    default void progress(long done, long total) {
    }

    /** Asked while the call runs; true stops it with {@link EngineCancelledException}. */
    default boolean cancelRequested() {
        return false;
    }
}
