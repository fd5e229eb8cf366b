package dev.featurestore.runtime.events;

/** Remembers which events a consumer has handled, so a redelivered event is handled once. */
public interface ProcessedEvents {
    /**
     * Runs {@code action} and records {@code eventId} in one transaction, unless the id was recorded
     * before. When the action throws, nothing is recorded and the event can be handled again.
     *
     * @return true when the action ran, false for a duplicate
     */
    boolean handleOnce(String eventId, String type, Runnable action);
}
