package dev.featurestore.offlineengine;

/** The listener asked an engine call to stop; nothing it produced is to be kept. */
public final class EngineCancelledException extends RuntimeException {
    public EngineCancelledException() {
        super("cancelled");
    }
}
