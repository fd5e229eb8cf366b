package dev.featurestore.offlineengine;

import static java.util.Objects.requireNonNull;

/**
 * An engine call cannot complete for a reason in the data or the store; the message names the object, the column,
 * the type expected and the type found where they are known.
 */
public final class EngineFailedException extends RuntimeException {
    private final Reason reason;

    public EngineFailedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public EngineFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Reason reason() {
        return reason;
    }

    /** Why. */
    public enum Reason {
        /** A source object's column is missing or of a type the view cannot read. */
        SOURCE_SCHEMA_MISMATCH,
        /** A source object cannot be found or read (a missing object, a file that is not Parquet). */
        SOURCE_UNREADABLE,
        /** The entity rows cannot be used (no timestamp in a row, a key column of the wrong type). */
        INVALID_ENTITY_ROWS,
        /** The engine itself failed (out of memory or disk, an internal error). */
        ENGINE_ERROR
    }
}
