package dev.featurestore.contracts.access;

/**
 * What a principal may do in a project. Roles grant sets of these ({@link Role#permissions()}).
 */
public enum Permission {
    /** Read definitions, online and historical features, runs, freshness, statistics. */
    READ,
    /** Read features tagged {@code pii} (with {@link #READ}). */
    READ_PII,
    /** Push rows, start materialization runs. */
    INGEST,
    /** Plan and apply definitions. */
    EDIT,
    /** Delete the project, manage webhooks, role bindings, API keys and baselines. */
    ADMIN
}
