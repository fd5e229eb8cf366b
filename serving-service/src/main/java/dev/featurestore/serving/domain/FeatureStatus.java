package dev.featurestore.serving.domain;

/** Feast's field statuses, as {@code /get-online-features} answers them per value. */
public enum FeatureStatus {
    /** A value. */
    PRESENT,
    /** The entity has a record, and its value for this feature is null. */
    NULL_VALUE,
    /** The entity has no record for the view (never written, or expired in Redis). */
    NOT_FOUND,
    /** The record is older than the view's ttl: no value is answered. */
    OUTSIDE_MAX_AGE
}
