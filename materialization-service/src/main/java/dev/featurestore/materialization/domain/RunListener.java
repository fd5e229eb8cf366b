package dev.featurestore.materialization.domain;

/** What a run tells the instance running it, and how it learns to stop. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** What the run is doing now, such as {@code reading} or {@code writing}. */
    default void phase(String description) {
    }

    /** Offline rows read so far, of at most {@code total}. */
    default void progress(long done, long total) {
    }

    /** Whether the run must stop (its instance shuts down or lost the view's lease). */
    default boolean stopRequested() {
        return false;
    }
}
