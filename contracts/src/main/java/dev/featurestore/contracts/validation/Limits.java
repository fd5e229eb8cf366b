package dev.featurestore.contracts.validation;

import java.time.Duration;

/**
 * The bounds of every value a definition may hold, and of the names and references requests carry. Written down in
 * {@code docs/limits.md}; definitions stored before these bounds still read, only new writes are refused.
 */
public final class Limits {
    /** Names of projects, objects, fields, join keys, and tag keys. */
    public static final int MAX_NAME_LENGTH = 128;
    /**
     * Names looked up (a project of a request, a view to materialize): longer than a new name may be, as names
     * stored before the bounds still read, but bounded.
     */
    public static final int MAX_LOOKUP_NAME_LENGTH = 2048;
    /** A feature reference {@code view:feature}: two names and the colon. */
    public static final int MAX_FEATURE_REFERENCE_LENGTH = 2 * MAX_NAME_LENGTH + 1;
    public static final int MAX_DESCRIPTION_LENGTH = 4096;
    public static final int MAX_OWNER_LENGTH = 256;
    public static final int MAX_TAGS = 64;
    public static final int MAX_TAG_VALUE_LENGTH = 512;
    /** {@code path} of a parquet source (a storage URI). */
    public static final int MAX_PATH_LENGTH = 2048;
    /** {@code topic} of a kafka source (Kafka's own limit). */
    public static final int MAX_TOPIC_LENGTH = 249;
    /** Column names in files: {@code timestamp_field}, {@code created_timestamp_column}, {@code field_mapping} keys and values. */
    public static final int MAX_COLUMN_NAME_LENGTH = 256;
    public static final int MAX_EXPRESSION_LENGTH = 8192;
    /** Fields of one schema, entries of one {@code field_mapping} or {@code expressions}, features of one feature-service item. */
    public static final int MAX_FIELDS = 2000;
    /** Join keys of an entity, entities of a feature view. */
    public static final int MAX_KEYS = 16;
    /** Sources of an on-demand feature view. */
    public static final int MAX_SOURCES = 64;
    /** Items of a feature service. */
    public static final int MAX_FEATURE_SERVICE_ITEMS = 1000;
    /** Objects of one section of a document (entities, data sources, ...). */
    public static final int MAX_OBJECTS_PER_SECTION = 10_000;
    /** The text of a duration. */
    public static final int MAX_DURATION_LENGTH = 64;
    /** The greatest {@code ttl}, {@code freshness_sla} and {@code materialization_interval}: 10 years. */
    public static final Duration MAX_DURATION = Duration.ofDays(3650);
    /** The smallest {@code freshness_sla} and {@code materialization_interval}. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private Limits() {
    }
}
