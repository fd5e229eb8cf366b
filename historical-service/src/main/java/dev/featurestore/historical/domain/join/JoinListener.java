package dev.featurestore.historical.domain.join;

/** Hears how a join progresses, and can stop it. Called from the join's threads. */
public interface JoinListener {
    JoinListener NONE = new JoinListener() {
    };

    /** What the join does now, e.g. {@code "reading driver_hourly"}. */
    default void phase(String description) {
    }

    /** Rows processed so far (entity rows read, source rows read, rows written) out of an estimated total. */
    default void progress(long rowsDone, long rowsTotal) {
    }

    /** Asked between batches; true stops the join with {@link JoinCancelledException}. */
    default boolean cancelRequested() {
        return false;
    }
}
