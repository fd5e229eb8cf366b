package dev.featurestore.materialization.domain;

/** A run stopped because its instance asked it to ({@link RunListener#stopRequested()}); it is not a failure. */
public final class RunStoppedException extends RuntimeException {
    public RunStoppedException(String message) {
        super(message);
    }
}
